/**
 * Whether a state-changing request comes from a page on another site, by Fetch Metadata and Origin. A
 * request with an Origin is accepted only from the route's own origin or an allowed one; a browser that
 * sends no Origin still sends `Sec-Fetch-Site`; a request with neither is not from a browser page (curl, a
 * server), where cross-site forgery does not apply.
 *
 * @example
 * isCrossSite(request, ['https://app.example.com']); // true for a form posted from https://evil.example
 */
export function isCrossSite(request: Request, allowedOrigins: ReadonlySet<string>): boolean {
  const origin = request.headers.get('origin');
  if (origin !== null) {
    if (origin === 'null') return true;
    return origin !== new URL(request.url).origin && !allowedOrigins.has(origin);
  }
  const site = request.headers.get('sec-fetch-site');
  return site === 'cross-site' || site === 'same-site';
}

/** Normalises configured origins (`https://app.example.com/` → `https://app.example.com`); throws on a bad one. */
export function originSet(origins: readonly string[]): Set<string> {
  return new Set(
    origins.map((origin) => {
      const url = new URL(origin);
      if (url.origin === 'null')
        throw new TypeError(`allowedOrigins: "${origin}" has no origin; use e.g. https://app.example.com`);
      return url.origin;
    }),
  );
}
