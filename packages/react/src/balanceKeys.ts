/** The route's path without a trailing slash, for a relative or an absolute base URL. */
function routePath(baseUrl: string): string {
  return new URL(baseUrl, 'http://route.invalid').pathname.replace(/\/+$/, '');
}

// One function per key, so that code which uses only some of them (the hooks) leaves the rest out of a
// bundle; `balanceKeys` gathers them for apps.
export const routeKey = (baseUrl: string) => ['okra-balance', routePath(baseUrl)] as const;
export const accountsKey = (baseUrl: string) => ['okra-balance', routePath(baseUrl), 'accounts'] as const;
export const accountKey = (baseUrl: string, accountId: string) =>
  ['okra-balance', routePath(baseUrl), 'account', accountId] as const;
export const balanceKey = (baseUrl: string, accountId: string) =>
  ['okra-balance', routePath(baseUrl), 'account', accountId, 'balance'] as const;
export const historyKey = (baseUrl: string, accountId: string) =>
  ['okra-balance', routePath(baseUrl), 'account', accountId, 'history'] as const;

/**
 * The one query-key factory. Keys name the route by the PATH of its base URL only (no origin, query or
 * trailing slash): a Server Component that prefetches from `http://127.0.0.1:3000/api/balance` fills the
 * same cache entries that `<BalanceProvider baseUrl="/api/balance">` reads in the browser. Two routes under
 * different paths never share an entry; two origins serving the same path do, so give those separate
 * QueryClients. Keys nest, so invalidating an account's key covers its balance and history.
 *
 * @example
 * queryClient.invalidateQueries({ queryKey: balanceKeys.account('/api/balance', accountId) });
 * balanceKeys.accounts('https://example.com/api/balance/'); // ['okra-balance', '/api/balance', 'accounts']
 */
export const balanceKeys = {
  all: ['okra-balance'] as const,
  route: routeKey,
  accounts: accountsKey,
  account: accountKey,
  balance: balanceKey,
  history: historyKey,
};
