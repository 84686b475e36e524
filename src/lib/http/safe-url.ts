// Links people entered are shown only when they lead to the web or to an email, whatever schema let them in:
// `javascript:`, `data:`, `vbscript:` and the like never reach an href.

const webSchemes = new Set(['http:', 'https:']);

/** `url` when it is an absolute http(s) address (or mailto: when `mail` allows it), else undefined. */
export function safeWebUrl(url: string | undefined, options: { mail?: boolean } = {}): string | undefined {
  if (!url || !URL.canParse(url)) return undefined;
  const { protocol } = new URL(url);
  return webSchemes.has(protocol) || (options.mail && protocol === 'mailto:') ? url : undefined;
}

/** An href from text someone wrote (Markdown links): web, mail, or a path or anchor on this site; else undefined. */
export function safeHref(href: string): string | undefined {
  const trimmed = href.trim();
  if (/^\/(?![/\\])/.test(trimmed) || trimmed.startsWith('#')) return trimmed;
  return safeWebUrl(trimmed, { mail: true });
}
