/**
 * True when `url` is an http(s) URL on exactly `expectedOrigin` (scheme, host and port), with no user name or
 * password. Unlike okra-js's prefix check, `https://api.okra.ng.evil.example` is not on `https://api.okra.ng`,
 * nor is port 51740 on port 5174; a `blob:` URL, whose origin is its inner URL's, is not on it either.
 *
 * @example
 * isOnOrigin('https://api.okra.ng/v2/callback?record=1', 'https://api.okra.ng'); // true
 */
export function isOnOrigin(url: string, expectedOrigin: string): boolean {
  const actual = parseUrl(url);
  const expected = parseUrl(expectedOrigin);
  if (actual === null || expected === null) return false;
  if (actual.origin === 'null' || expected.origin === 'null') return false;
  if (actual.protocol !== 'https:' && actual.protocol !== 'http:') return false;
  if (actual.username !== '' || actual.password !== '') return false;
  return actual.origin === expected.origin;
}

/** The origin of a URL, or null when it is not an absolute URL with an origin. */
export function originOf(url: string): string | null {
  const parsed = parseUrl(url);
  return parsed === null || parsed.origin === 'null' ? null : parsed.origin;
}

function parseUrl(value: string): URL | null {
  try {
    return new URL(value);
  } catch {
    return null;
  }
}
