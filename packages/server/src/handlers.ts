import type { BalanceRoute } from './createBalanceRoute.ts';

type Handler = (request: Request) => Promise<Response>;

/**
 * The route as Next.js App Router handlers, one per method, for `app/api/balance/[...path]/route.ts`.
 *
 * @example
 * // app/api/balance/[...path]/route.ts
 * const route = await createBalanceRoute({ ..., basePath: '/api/balance' });
 * export const { GET, POST, DELETE } = handlers(route);
 */
export function handlers(
  route: Pick<BalanceRoute, 'fetch'>,
): Record<'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD' | 'OPTIONS', Handler> {
  const handle: Handler = (request) => route.fetch(request);
  return {
    GET: handle,
    POST: handle,
    PUT: handle,
    PATCH: handle,
    DELETE: handle,
    HEAD: handle,
    OPTIONS: handle,
  };
}
