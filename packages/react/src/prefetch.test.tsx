import { render, screen } from '@testing-library/react';
import {
  dehydrate,
  HydrationBoundary,
  QueryClient,
  QueryClientProvider,
  type DehydratedState,
} from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { accountsQueryOptions } from './accountsQueryOptions.ts';
import { balanceKeys } from './balanceKeys.ts';
import { BalanceProvider } from './BalanceProvider.tsx';
import { balanceQueryOptions } from './balanceQueryOptions.ts';
import { historyQueryOptions } from './historyQueryOptions.ts';
import { useLinkedAccounts } from './useLinkedAccounts.ts';
import './testing/cleanup.ts';
import { BASE_URL, fakeRoute } from './testing/fakeRoute.ts';
import { account } from './testing/fixtures.ts';

describe('query keys', () => {
  it('name the route by its path, so an absolute and a relative base URL share a key', () => {
    expect(accountsQueryOptions({ baseUrl: 'http://127.0.0.1:3000/api/balance' }).queryKey).toEqual(
      accountsQueryOptions({ baseUrl: '/api/balance' }).queryKey,
    );
    expect(balanceQueryOptions({ baseUrl: 'https://example.com/api/balance/' }, 'acc-1').queryKey).toEqual(
      balanceQueryOptions({ baseUrl: '/api/balance' }, 'acc-1').queryKey,
    );
    expect(historyQueryOptions({ baseUrl: '/api/balance?x=1' }, 'acc-1').queryKey).toEqual(
      balanceKeys.history('/api/balance', 'acc-1'),
    );
    expect(balanceKeys.accounts('/api/balance')).toEqual(['okra-balance', '/api/balance', 'accounts']);
    // Different paths are different routes.
    expect(balanceKeys.route('/api/balance')).not.toEqual(balanceKeys.route('/api/other'));
  });
});

describe('prefetching on a server', () => {
  it('hands its data to useLinkedAccounts in the browser, which then asks nothing', async () => {
    // The server calls the route by its absolute URL, as a Server Component must.
    const server = fakeRoute(() => ({ status: 200, body: { accounts: [account({ name: 'Ada Obi' })] } }));
    const serverClient = new QueryClient();
    await serverClient.prefetchQuery(accountsQueryOptions({ baseUrl: BASE_URL, fetch: server.fetch }));
    expect(server.sent.map((request) => request.path)).toEqual(['/accounts']);
    const state = JSON.parse(JSON.stringify(dehydrate(serverClient))) as DehydratedState;

    // The browser knows the route by its path. A staleTime above zero, as TanStack advises for SSR.
    let browserRequests = 0;
    const browserFetch: typeof fetch = () => {
      browserRequests += 1;
      return Promise.resolve(Response.json({ accounts: [] }));
    };
    const browserClient = new QueryClient({
      defaultOptions: { queries: { retry: false, staleTime: 60_000 } },
    });
    function Names() {
      const { data, isPending } = useLinkedAccounts();
      return <p>{isPending ? 'pending' : data?.map((linked) => linked.name).join(', ')}</p>;
    }
    render(
      <QueryClientProvider client={browserClient}>
        <HydrationBoundary state={state}>
          <BalanceProvider baseUrl="/api/balance" fetch={browserFetch}>
            <Names />
          </BalanceProvider>
        </HydrationBoundary>
      </QueryClientProvider>,
    );
    // On the first render already: no loading state in between.
    expect(screen.getByRole('paragraph').textContent).toBe('Ada Obi');
    // The mount's effects ran inside render's act: a refetch would have started by now, and still be running.
    expect(browserClient.isFetching()).toBe(0);
    expect(browserRequests).toBe(0);
  });
});
