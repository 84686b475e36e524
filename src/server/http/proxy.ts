// What a request says about where it came from. Behind a reverse proxy (TRUST_PROXY=1) the proxy's
// X-Forwarded-* headers tell the browser's origin and address; without that setting they are anyone's to forge,
// so they are ignored.
import { env } from '../env.ts';
import { configuredOrigin } from '../site-url.ts';

/** The last value of a forwarded header: the one our own proxy added (earlier ones come from the client). */
function lastForwarded(value: string | null): string | undefined {
  const last = value?.split(',').at(-1)?.trim();
  return last ? last : undefined;
}

/** The origin a browser on this site sends in `Origin`: SITE_URL's, else what the proxy or the request says. */
export function expectedOrigin(request: Request, url: URL): string {
  if (configuredOrigin) return configuredOrigin;
  if (env.TRUST_PROXY) {
    const proto = lastForwarded(request.headers.get('x-forwarded-proto'));
    const host = lastForwarded(request.headers.get('x-forwarded-host'));
    if (proto && host && /^https?$/.test(proto) && URL.canParse(`${proto}://${host}`)) return new URL(`${proto}://${host}`).origin;
  }
  return url.origin;
}

/** The client's address for throttling and counting: the proxy's word for it only when the proxy is trusted. */
export function clientAddress(request: Request, socketAddress: string): string {
  return (env.TRUST_PROXY && lastForwarded(request.headers.get('x-forwarded-for'))) || socketAddress;
}
