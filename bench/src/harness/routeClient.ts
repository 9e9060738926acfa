import { BENCH_USER_HEADER } from './benchUser.ts';

/** A reply as the benchmarks read it. */
export interface RouteReply<T = unknown> {
  status: number;
  body: T;
  text: string;
}

/** A signed-in client of one balance route. */
export interface RouteClient {
  readonly baseUrl: string;
  request<T = unknown>(method: string, path: string, body?: unknown): Promise<RouteReply<T>>;
}

/**
 * A fetch client of the balance route over real HTTP, signed in as `userId` (a server-side caller: no Origin
 * header, as from curl or another service).
 *
 * @example
 * const client = routeClient(server.url, 'user_1');
 * const { body } = await client.request<AccountsResponse>('GET', '/accounts');
 */
export function routeClient(baseUrl: string, userId: string): RouteClient {
  return {
    baseUrl,
    async request<T>(method: string, path: string, body?: unknown): Promise<RouteReply<T>> {
      const response = await fetch(`${baseUrl}${path}`, {
        method,
        headers: { [BENCH_USER_HEADER]: userId, 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await response.text();
      let parsed: unknown = null;
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = null;
      }
      return { status: response.status, body: parsed as T, text };
    },
  };
}
