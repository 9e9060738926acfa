import { useMutation, type UseMutationResult } from '@tanstack/react-query';
import type { AccountsResponse } from '@okra-balance/core';
import { useBalanceContext } from './BalanceContext.ts';
import { balanceKeys } from './balanceKeys.ts';
import { requestJson } from './requestJson.ts';

/**
 * Unlinks an account (`DELETE /accounts/:id`) and drops it from the cached list and balances.
 *
 * @example
 * const unlink = useUnlinkAccount();
 * <button onClick={() => unlink.mutate(account.id)} disabled={unlink.isPending}>Unlink</button>
 */
export function useUnlinkAccount(): UseMutationResult<void, Error, string> {
  const { config, client } = useBalanceContext('useUnlinkAccount');
  return useMutation(
    {
      mutationFn: async (accountId: string) => {
        await requestJson(config, `/accounts/${encodeURIComponent(accountId)}`, undefined, 'DELETE');
      },
      onSuccess: async (_, accountId) => {
        client.removeQueries({ queryKey: balanceKeys.account(config.baseUrl, accountId) });
        client.setQueryData<AccountsResponse>(balanceKeys.accounts(config.baseUrl), (old) =>
          old ? { accounts: old.accounts.filter((account) => account.id !== accountId) } : old,
        );
        await client.invalidateQueries({ queryKey: balanceKeys.accounts(config.baseUrl) });
      },
    },
    client,
  );
}
