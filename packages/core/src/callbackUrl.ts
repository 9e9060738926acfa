/**
 * Mends a provider `callback_url` whose `callback` path segment came back as the literal word `undefined`
 * (the provider's own docs patch it with a string replace). Only a whole path segment is touched, so an
 * `undefined` in a record id or the query stays as it is. A relative URL is resolved against `base`.
 *
 * Returns null when the value is not a URL at all.
 *
 * @example
 * repairCallbackUrl('https://api.okra.ng/v2/undefined?record=r1&method=BALANCE');
 * // 'https://api.okra.ng/v2/callback?record=r1&method=BALANCE'
 */
export function repairCallbackUrl(value: string, base?: string): string | null {
  let url: URL;
  try {
    url = base === undefined ? new URL(value) : new URL(value, base);
  } catch {
    return null;
  }
  const segments = url.pathname.split('/');
  url.pathname = segments.map((segment) => (segment === 'undefined' ? 'callback' : segment)).join('/');
  return url.href;
}
