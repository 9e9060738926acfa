import type { Context, MiddlewareHandler } from 'hono';
import type { AnswerHeaders, RouteEnv } from './RouteDeps.ts';
import { SECURITY_HEADERS } from './securityHeaders.ts';

const CORS_PREFLIGHT = {
  vary: 'Origin, Access-Control-Request-Headers',
  'access-control-max-age': '600',
  'access-control-allow-methods': 'GET,POST,PUT,DELETE',
  'access-control-allow-headers': 'content-type,authorization',
};

// Answers built with the request's whole set in their init (`jsonResponse`). A WeakSet, not a look at their
// headers: on @hono/node-server, reading `response.headers` is what turns a plain header object into a `Headers`.
const complete = new WeakSet<Response>();

/**
 * Notes that `response` was built with {@link headersOf} in its init, so {@link answerHeaders} leaves it be.
 *
 * @example
 * return markComplete(new Response(text, { headers: { ...headersOf(c).plain, 'content-type': 'text/plain' } }));
 */
export function markComplete(response: Response): Response {
  complete.add(response);
  return response;
}

/**
 * This request's answer headers ({@link answerHeaders} works them out before the handler runs).
 *
 * @example
 * new Response(JSON.stringify(body), { headers: headersOf(c).json });
 */
export function headersOf(c: Context<RouteEnv>): AnswerHeaders {
  // Unset only where the middleware did not run (an app built without it): then the security headers alone.
  const headers: AnswerHeaders | undefined = c.get('answerHeaders');
  return headers ?? SECURITY_ONLY;
}

/**
 * Middleware: the security headers on every answer, and CORS for the `corsOrigins` (credentials allowed,
 * preflights answered here). It works the request's headers out once, before the handler, as one plain object
 * that `jsonResponse` builds its answer with; answers made otherwise (`c.json`, event streams, 405s) get them
 * set in place afterwards, overwriting what a handler set for those names. Never `c.header` after `next()`:
 * that rebuilds the Response around its body as a stream, which on @hono/node-server made every JSON answer a
 * streamed one, at about a third of the throughput on the balance read.
 *
 * @example
 * app.use('*', answerHeaders(new Set(['https://app.example.com'])));
 */
export function answerHeaders(corsOrigins: ReadonlySet<string>): MiddlewareHandler<RouteEnv> {
  const base =
    corsOrigins.size === 0
      ? SECURITY_HEADERS
      : { ...SECURITY_HEADERS, 'access-control-allow-credentials': 'true', vary: 'Origin' };
  const shared = withJson(base);
  return async (c, next) => {
    const origin = corsOrigins.size === 0 ? undefined : c.req.header('origin');
    const allowed = origin !== undefined && corsOrigins.has(origin);
    const headers = allowed ? withJson({ ...base, 'access-control-allow-origin': origin }) : shared;
    if (corsOrigins.size > 0 && c.req.method === 'OPTIONS') {
      // Every OPTIONS is a preflight here: no route answers OPTIONS itself.
      const preflight = new Response(null, { status: 204, headers: { ...headers.plain, ...CORS_PREFLIGHT } });
      c.res = preflight;
      return;
    }
    c.set('answerHeaders', headers);
    await next();
    if (complete.has(c.res)) return;
    const target = c.res.headers;
    for (const [name, value] of Object.entries(headers.plain)) target.set(name, value);
  };
}

function withJson(plain: Readonly<Record<string, string>>): AnswerHeaders {
  return { plain, json: { ...plain, 'content-type': 'application/json' } };
}

const SECURITY_ONLY = withJson(SECURITY_HEADERS);
