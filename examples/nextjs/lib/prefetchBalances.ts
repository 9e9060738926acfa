import 'server-only';
import type { QueryClient } from '@tanstack/react-query';
import { headers } from 'next/headers';
import {
  accountsQueryOptions,
  balanceQueryOptions,
  type BalanceClientConfig,
} from '@okra-balance/react/queries';
import { balance } from './balance';
import { BALANCE_PATH } from './balancePath';

/**
 * Fills `queryClient` with the signed-in user's accounts and each one's balance, under the same keys the
 * browser's hooks read, so the server HTML already shows them. The route is called in-process (its Fetch
 * handler, with this request's cookie): no HTTP round trip back to this server, no need to know the host or
 * port it is reachable on. Returns the sandbox login for the page, when the sandbox is the provider.
 */
export async function prefetchBalances(queryClient: QueryClient) {
  // Read first: it makes the page dynamic, so `next build` never prerenders it (nor starts the route).
  const cookie = (await headers()).get('cookie') ?? '';
  const { route, sandboxLogin } = await balance();
  const config: BalanceClientConfig = {
    baseUrl: BALANCE_PATH,
    // The URL's origin is never used for a GET: the route reads the path and the cookie.
    fetch: (input, init) => route.fetch(new Request(new URL(String(input), 'http://localhost'), init)),
    headers: { cookie },
  };
  const accounts = await queryClient.fetchQuery(accountsQueryOptions(config)).catch(() => null);
  await Promise.all(
    (accounts?.accounts ?? []).map((account) =>
      queryClient.prefetchQuery(balanceQueryOptions(config, account.id)),
    ),
  );
  return { sandboxLogin };
}
