import { NextResponse, type NextRequest } from 'next/server';
import { SESSION_COOKIE } from './lib/session';

/**
 * Gives every browser a session cookie on its first request. The cookie is also added to the request itself,
 * so the page rendered for that very request (and its in-process prefetch) already has a user.
 */
export function proxy(request: NextRequest) {
  if (request.cookies.has(SESSION_COOKIE)) return NextResponse.next();
  const sessionId = crypto.randomUUID();
  request.cookies.set(SESSION_COOKIE, sessionId);
  const response = NextResponse.next({ request: { headers: request.headers } });
  response.cookies.set(SESSION_COOKIE, sessionId, {
    httpOnly: true,
    sameSite: 'lax',
    secure: request.nextUrl.protocol === 'https:',
    path: '/',
    maxAge: 60 * 60 * 24 * 30,
  });
  return response;
}

export const config = {
  // Pages and the balance route; not Next.js's static files.
  matcher: ['/((?!_next/static|_next/image|favicon.ico|icon.svg).*)'],
};
