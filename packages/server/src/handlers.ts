import type { BalanceRoute } from './createBalanceRoute.ts';

type Handler = (request: Request) => Promise<Response>;
type Mountable = Pick<BalanceRoute, 'fetch'>;

/** A route, a promise of one, or a function that makes one on the first request (then reused). */
export type RouteSource = Mountable | Promise<Mountable> | (() => Mountable | Promise<Mountable>);

/**
 * The route as Next.js App Router handlers, one per method, for `app/api/balance/[...path]/route.ts`. Pass a
 * function to create the route on the first request rather than when the module loads (Next.js loads route
 * modules during the build); a creation that fails is tried again on the next request. Export every method:
 * Next.js answers an OPTIONS it has no export for on its own, so a CORS preflight would never reach the route.
 *
 * @example
 * // app/api/balance/[...path]/route.ts
 * export const { GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS } = handlers(() =>
 *   createBalanceRoute({ ..., basePath: '/api/balance' }),
 * );
 */
export function handlers(
  source: RouteSource,
): Record<'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD' | 'OPTIONS', Handler> {
  let made: Promise<Mountable> | null = null;
  const route = (): Promise<Mountable> => {
    if (made === null) {
      made = Promise.resolve(typeof source === 'function' ? source() : source);
      made.catch(() => {
        made = null;
      });
    }
    return made;
  };
  const handle: Handler = async (request) => (await route()).fetch(request);
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
