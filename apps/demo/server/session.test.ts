import { describe, expect, it } from 'vitest';
import { authenticateDemoUser, newSessionId, sessionCookie, sessionIdOf, userIdOf } from './session.ts';

describe('demo sessions', () => {
  it('reads the session cookie among others', () => {
    const id = newSessionId();
    expect(sessionIdOf(`theme=dark; ob_demo_session=${id}; other=1`)).toBe(id);
  });

  it('ignores a missing or malformed session cookie', () => {
    expect(sessionIdOf(null)).toBeNull();
    expect(sessionIdOf('ob_demo_session=')).toBeNull();
    expect(sessionIdOf('ob_demo_session=<script>')).toBeNull();
    expect(sessionIdOf('ob_demo_sessionx=abcdefghijklmnopqrstuvwxyz')).toBeNull();
  });

  it('gives two sessions two users, and never the session id itself', () => {
    const a = newSessionId();
    const b = newSessionId();
    expect(a).not.toBe(b);
    expect(userIdOf(a)).not.toBe(userIdOf(b));
    expect(userIdOf(a)).not.toContain(a);
    const request = new Request('http://127.0.0.1/api/accounts', {
      headers: { cookie: `ob_demo_session=${a}` },
    });
    expect(authenticateDemoUser(request)).toEqual({ id: userIdOf(a) });
    expect(authenticateDemoUser(new Request('http://127.0.0.1/api/accounts'))).toBeNull();
  });

  it('sets an HttpOnly, SameSite cookie, Secure behind https', () => {
    expect(sessionCookie('abc', false)).toMatch(
      /^ob_demo_session=abc; Path=\/; HttpOnly; SameSite=Lax; Max-Age=\d+$/,
    );
    expect(sessionCookie('abc', true)).toMatch(/; Secure$/);
  });
});
