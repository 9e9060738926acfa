import { createHash, randomBytes } from 'node:crypto';

/** The demo's cookie: one per browser, so two browsers are two users. */
export const SESSION_COOKIE = 'ob_demo_session';

const SESSION_PATTERN = /^[A-Za-z0-9_-]{22,64}$/;

/** A new unguessable session id. */
export function newSessionId(): string {
  return randomBytes(18).toString('base64url');
}

/** The session id a request carries, or null when it has none or a malformed one. */
export function sessionIdOf(cookieHeader: string | null | undefined): string | null {
  if (!cookieHeader) return null;
  for (const part of cookieHeader.split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name !== SESSION_COOKIE) continue;
    const value = rest.join('=');
    return SESSION_PATTERN.test(value) ? value : null;
  }
  return null;
}

/**
 * The user a session stands for. A hash, not the id itself, so what the database stores cannot be replayed
 * as a cookie.
 */
export function userIdOf(sessionId: string): string {
  return `demo-${createHash('sha256').update(sessionId).digest('base64url').slice(0, 22)}`;
}

/** The Set-Cookie header that starts a session. */
export function sessionCookie(sessionId: string, secure: boolean): string {
  const attributes = [
    `${SESSION_COOKIE}=${sessionId}`,
    'Path=/',
    'HttpOnly',
    'SameSite=Lax',
    `Max-Age=${60 * 60 * 24 * 30}`,
  ];
  if (secure) attributes.push('Secure');
  return attributes.join('; ');
}

/** The route's `authenticate` option for the demo: the cookie's user, or null (the route answers 401). */
export function authenticateDemoUser(request: Request): { id: string } | null {
  const sessionId = sessionIdOf(request.headers.get('cookie'));
  return sessionId === null ? null : { id: userIdOf(sessionId) };
}
