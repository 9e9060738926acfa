/**
 * The one query-key factory. Keys start with the route's base URL, so two routes never share a cache entry,
 * and nest so that invalidating an account's key covers its balance and history.
 *
 * @example
 * queryClient.invalidateQueries({ queryKey: balanceKeys.account('/api/balance', accountId) });
 */
export const balanceKeys = {
  all: ['okra-balance'] as const,
  route: (baseUrl: string) => ['okra-balance', baseUrl] as const,
  accounts: (baseUrl: string) => ['okra-balance', baseUrl, 'accounts'] as const,
  account: (baseUrl: string, accountId: string) => ['okra-balance', baseUrl, 'account', accountId] as const,
  balance: (baseUrl: string, accountId: string) =>
    ['okra-balance', baseUrl, 'account', accountId, 'balance'] as const,
  history: (baseUrl: string, accountId: string) =>
    ['okra-balance', baseUrl, 'account', accountId, 'history'] as const,
};
