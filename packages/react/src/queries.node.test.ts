import { dehydrate, QueryClient } from '@tanstack/react-query';
import { describe, expect, it, vi } from 'vitest';
import { defaultTiming } from './BalanceTiming.ts';
import { apiError, BASE_URL, fakeRoute } from './testing/fakeRoute.ts';
import { account, balanceReply } from './testing/fixtures.ts';

// What a Server Component loads must not reach React, React DOM or okra-js through our code. (TanStack Query,
// loaded by Node as it is, keeps the real React: only imports from our own modules meet these mocks.)
vi.mock('react', () => {
  throw new Error('the queries entry imported react');
});
vi.mock('react-dom', () => {
  throw new Error('the queries entry imported react-dom');
});
vi.mock('okra-js', () => {
  throw new Error('the queries entry imported okra-js');
});

describe('@okra-balance/react/queries on a server', () => {
  it('loads without a DOM or React, and exports what a Server Component needs', async () => {
    expect(typeof document).toBe('undefined');
    const queries = await import('./queries.ts');
    expect(Object.keys(queries).sort()).toEqual([
      'BalanceApiError',
      'accountsQueryOptions',
      'balanceKeys',
      'balanceQueryOptions',
      'historyQueryOptions',
    ]);
  });

  it('prefetches with the caller’s cookie, under the keys the browser reads', async () => {
    const { accountsQueryOptions, balanceKeys, balanceQueryOptions } = await import('./queries.ts');
    const route = fakeRoute((request) =>
      request.path === '/accounts'
        ? { status: 200, body: { accounts: [account()] } }
        : { status: 200, body: balanceReply() },
    );
    const client = new QueryClient();
    const config = { baseUrl: BASE_URL, fetch: route.fetch, headers: { cookie: 'sid=abc' } };
    await client.prefetchQuery(accountsQueryOptions(config));
    await client.prefetchQuery(balanceQueryOptions(config, 'acc-1'));
    expect(route.sent.map((request) => [request.path, request.headers.cookie])).toEqual([
      ['/accounts', 'sid=abc'],
      ['/accounts/acc-1/balance', 'sid=abc'],
    ]);
    const state = dehydrate(client);
    expect(state.queries.map((query) => query.queryKey)).toEqual([
      balanceKeys.accounts('/api/balance'),
      balanceKeys.balance('/api/balance', 'acc-1'),
    ]);
    expect(state.queries.map((query) => query.state.status)).toEqual(['success', 'success']);
  });

  it('rejects with a BalanceApiError that carries the route’s code', async () => {
    const { accountsQueryOptions, BalanceApiError } = await import('./queries.ts');
    const route = fakeRoute(() => apiError(401, 'unauthenticated', 'Sign in first'));
    const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    const failure: unknown = await client
      .fetchQuery(accountsQueryOptions({ baseUrl: BASE_URL, fetch: route.fetch }))
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(BalanceApiError);
    expect(failure).toMatchObject({ code: 'unauthenticated', status: 401 });
  });

  it('asks again after no answer or a 5xx, up to timing.retries, and never after a 4xx', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const { accountsQueryOptions } = await import('./queries.ts');
    const timing = { ...defaultTiming, retries: 2 };
    const client = new QueryClient({ defaultOptions: { queries: { retryDelay: 0 } } });
    const attempts = async (reply: () => ReturnType<typeof apiError> | Error) => {
      const route = fakeRoute(reply);
      await client
        .fetchQuery(accountsQueryOptions({ baseUrl: BASE_URL, fetch: route.fetch }, timing))
        .catch(() => null);
      client.clear();
      return route.sent.length;
    };
    expect(await attempts(() => apiError(404, 'not_found', 'No such route'))).toBe(1);
    expect(await attempts(() => apiError(403, 'cross_site_request', 'refused'))).toBe(1);
    expect(await attempts(() => apiError(429, 'rate_limited', 'slow down'))).toBe(1);
    expect(await attempts(() => apiError(502, 'provider_error', 'rejected'))).toBe(3);
    expect(await attempts(() => new TypeError('fetch failed'))).toBe(3);
  });
});
