import { useMutation, type UseMutationResult } from '@tanstack/react-query';
import type { AccountsResponse } from '@okra-balance/core';
import type { BalanceApiError } from './BalanceApiError.ts';
import { useBalanceContext } from './BalanceContext.ts';
import { accountKey, accountsKey } from './balanceKeys.ts';
import { requestJson } from './requestJson.ts';

/** What {@link useUnlinkAccount} returns: TanStack's mutation result; `mutate(accountId)` unlinks. */
export type UseUnlinkAccountResult = UseMutationResult<void, BalanceApiError, string>;

/**
 * Unlinks an account (`DELETE /accounts/:id`) and drops it from the cached list and balances.
 *
 * @example
 * const unlink = useUnlinkAccount();
 * <button onClick={() => unlink.mutate(account.id)} disabled={unlink.isPending}>Unlink</button>
 */
export function useUnlinkAccount(): UseUnlinkAccountResult {
  const { config, client } = useBalanceContext('useUnlinkAccount');
  return useMutation<void, BalanceApiError, string>(
    {
      mutationFn: async (accountId) => {
        await requestJson(config, { path: `/accounts/${encodeURIComponent(accountId)}`, method: 'DELETE' });
      },
      onSuccess: async (_, accountId) => {
        client.removeQueries({ queryKey: accountKey(config.baseUrl, accountId) });
        client.setQueryData<AccountsResponse>(accountsKey(config.baseUrl), (old) =>
          old ? { accounts: old.accounts.filter((account) => account.id !== accountId) } : old,
        );
        await client.invalidateQueries({ queryKey: accountsKey(config.baseUrl) });
      },
    },
    client,
  );
}
