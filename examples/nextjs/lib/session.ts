import { createHash } from 'node:crypto';

/**
 * The example's session: a random id in an HttpOnly cookie, one per browser, so two browsers are two users.
 * Replace it with your own sign-in (the route only needs `authenticate` to answer `{ id }` or null).
 */
export const SESSION_COOKIE = 'ob_session';

const SESSION_PATTERN = /^[0-9a-f-]{36}$/;

/** The session id a Cookie header carries, or null when it has none or a malformed one. */
export function sessionIdOf(cookieHeader: string | null | undefined): string | null {
  for (const part of cookieHeader?.split(';') ?? []) {
    const [name, ...rest] = part.trim().split('=');
    if (name === SESSION_COOKIE) return SESSION_PATTERN.test(rest.join('=')) ? rest.join('=') : null;
  }
  return null;
}

/**
 * The route's `authenticate`: the cookie's user, or null (the route answers 401). A hash of the id, not the
 * id itself, so what the database stores cannot be replayed as a cookie.
 */
export async function authenticate(request: Request): Promise<{ id: string } | null> {
  const sessionId = sessionIdOf(request.headers.get('cookie'));
  if (sessionId === null) return null;
  return { id: `user-${createHash('sha256').update(sessionId).digest('base64url').slice(0, 22)}` };
}
