/**
 * A new random link token: 32 random bytes, base64url, with an `lt_` prefix.
 *
 * @example
 * newLinkToken(); // 'lt_Vq3...'
 */
export function newLinkToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return `lt_${btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '')}`;
}

/** The SHA-256 of a string, in hex: what is stored instead of a token. */
export async function sha256Hex(value: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(value));
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

/**
 * Compares two secrets in time that does not depend on where they differ: both are hashed to 32 bytes
 * first, so their lengths leak nothing either.
 */
export async function secretsEqual(given: string, expected: string): Promise<boolean> {
  const [a, b] = await Promise.all([digest(given), digest(expected)]);
  let difference = 0;
  for (let i = 0; i < a.length; i++) difference |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return difference === 0;
}

/** True when an `Authorization` header carries `Bearer <expected>`, compared in constant time. */
export function bearerMatches(header: string | undefined, expected: string): Promise<boolean> {
  const given = /^Bearer (.+)$/i.exec(header ?? '')?.[1] ?? '';
  return secretsEqual(given, expected);
}

async function digest(value: string): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(value)));
}
