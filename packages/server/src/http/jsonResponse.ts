import type { Context } from 'hono';
import { headersOf, markComplete } from './answerHeaders.ts';
import type { RouteEnv } from './RouteDeps.ts';

/**
 * A JSON answer with the request's security (and CORS) headers in its init, as one plain object: on
 * @hono/node-server it is written without building a `Headers` or a stream. `c.json` still works anywhere
 * (the `answerHeaders` middleware then adds the headers afterwards, at a cost); use this on hot paths and for
 * errors. `extra` headers (lower-case names) are added to the set, never in place of one of its values.
 *
 * @example
 * app.get('/health', (c) => jsonResponse(c, { ok: true }));
 * jsonResponse(c, { error: { code: 'rate_limited', message } }, 429, { 'retry-after': '30' });
 */
export function jsonResponse(
  c: Context<RouteEnv>,
  body: unknown,
  status = 200,
  extra?: Record<string, string>,
): Response {
  const { json } = headersOf(c);
  const headers = extra === undefined ? json : { ...extra, ...json };
  return markComplete(new Response(JSON.stringify(body), { status, headers }));
}
