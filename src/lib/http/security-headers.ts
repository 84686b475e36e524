// The headers every response carries, whatever route made it. Pure: the middleware applies them.

/**
 * The policy for HTML that Astro did not render with its own hashed policy (endpoints, error answers): no inline
 * script at all. Astro's pages get the same directives plus hashes of their scripts (astro.config.mjs).
 */
export const cspDirectives = [
  "default-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'self'",
  "form-action 'self'",
  "img-src 'self' data:",
  // Videos embedded in articles play in YouTube's no-cookie player, the only frame from elsewhere.
  "frame-src 'self' https://www.youtube-nocookie.com",
] as const;

export const fallbackCsp = [...cspDirectives, "script-src 'self'", "style-src 'self'"].join('; ');

/** Set the security headers on `headers`, keeping any a route chose itself (e.g. same-origin on pages with a token in their address). */
export function applySecurityHeaders(headers: Headers, options: { production: boolean }): void {
  const type = headers.get('content-type') ?? '';
  if (/^text\/html\s*$/i.test(type)) headers.set('Content-Type', 'text/html; charset=utf-8');
  if (type.toLowerCase().startsWith('text/html') && !headers.has('content-security-policy')) {
    headers.set('Content-Security-Policy', fallbackCsp);
  }
  headers.set('X-Content-Type-Options', 'nosniff');
  if (!headers.has('referrer-policy')) headers.set('Referrer-Policy', 'strict-origin-when-cross-origin');
  headers.set('X-Frame-Options', 'SAMEORIGIN');
  if (options.production) headers.set('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
}
