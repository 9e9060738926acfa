const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/;

/**
 * Why a state-changing request must be refused as cross-site, or null to let it through. Standards only, no
 * trust in `request.url` (inside a Next.js route handler it says `http://localhost:PORT` whatever the
 * browser opened) nor in `X-Forwarded-*` (anyone can send them):
 *
 * - an `Origin` in `trusted` (`publicUrl`'s origin, `allowedOrigins`) passes, whatever the Host (a proxy may
 *   rewrite it);
 * - an `Origin` naming the request's own `Host` passes when the browser does not say it is another site
 *   (`Sec-Fetch-Site`), and when the Host is one of `trusted`'s or a loopback name. That last part refuses
 *   DNS rebinding (a page on `evil.example` whose name now points at this server): the page controls both its
 *   Origin and the Host, but not the name. Without anything in `trusted`, every Host is taken as the route's
 *   own, which is why deployments set `publicUrl`;
 * - `Origin: null` is refused; with no Origin, `Sec-Fetch-Site: cross-site` or `same-site` is refused, and
 *   a request with neither is not from a browser page (curl, a server), where forgery does not apply.
 *
 * @example
 * crossSiteRefusal(request, new Set(['https://app.example.com']));
 * // for a form on evil.example posted to example.com:
 * // "Origin https://evil.example is not on this request's Host example.com nor in publicUrl/allowedOrigins"
 */
export function crossSiteRefusal(request: Request, trusted: ReadonlySet<string>): string | null {
  const origin = request.headers.get('origin');
  const site = request.headers.get('sec-fetch-site');
  if (origin === null) {
    if (site === 'cross-site' || site === 'same-site') return `no Origin, and Sec-Fetch-Site is ${site}`;
    return site === null ? null : hostRefusal(requestHost(request), trusted);
  }
  if (origin === 'null') return 'Origin null (a sandboxed page, a file or a redirect) is never allowed';
  if (trusted.has(origin)) return null;
  const host = requestHost(request);
  if (ownOrigin(origin, host) !== origin)
    return `Origin ${origin} is not on this request's Host ${host} nor in publicUrl/allowedOrigins`;
  if (site !== null && site !== 'same-origin')
    return `Sec-Fetch-Site is ${site} for Origin ${origin}, not same-origin`;
  return hostRefusal(host, trusted);
}

/** The Host the client asked for; a Request made in code (tests, a worker) may carry none but its URL. */
function requestHost(request: Request): string {
  return request.headers.get('host') ?? new URL(request.url).host;
}

/**
 * The origin of a page on the request's own host, in the scheme the Origin names: the scheme the server sees
 * (`request.url`, `X-Forwarded-Proto`) is not the browser's behind a TLS proxy. Null for a Host that is not one.
 */
function ownOrigin(origin: string, host: string): string | null {
  try {
    return new URL(`${new URL(origin).protocol}//${host}`).origin;
  } catch {
    return null;
  }
}

function hostRefusal(host: string, trusted: ReadonlySet<string>): string | null {
  if (trusted.size === 0) return null;
  const name = ownOrigin('http://x', host)?.slice('http://'.length).replace(/:\d+$/, '');
  // A trusted origin's host, read in its own scheme (so `example.com:443` is https://example.com's).
  if ([...trusted].some((origin) => ownOrigin(origin, host) === origin)) return null;
  if (name !== undefined && LOOPBACK.test(name)) return null;
  return `Host ${host} is not the host of publicUrl or allowedOrigins (nor a loopback host)`;
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
