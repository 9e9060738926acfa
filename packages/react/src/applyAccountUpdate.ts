import type { QueryClient } from '@tanstack/react-query';
import { isSettled, type AccountsResponse, type BalanceResponse } from '@okra-balance/core';
import { accountsKey, balanceKey, historyKey } from './balanceKeys.ts';

/**
 * Writes an account's new balance, job and health (a stream's `account` event) into its balance query and into
 * the list, without a request. Equal data keeps its old reference, so nothing re-renders for it. A job that
 * just succeeded stored a snapshot: the history is asked again.
 */
export function applyAccountUpdate(client: QueryClient, baseUrl: string, reply: BalanceResponse): void {
  const { accountId, balance, job, health } = reply;
  const key = balanceKey(baseUrl, accountId);
  const before = client.getQueryData<BalanceResponse>(key)?.job;
  client.setQueryData(key, reply);
  client.setQueryData<AccountsResponse>(accountsKey(baseUrl), (list) =>
    list
      ? {
          accounts: list.accounts.map((account) =>
            account.id === accountId
              ? { ...account, balance, job, health, refresh: job && !isSettled(job) ? job : null }
              : account,
          ),
        }
      : list,
  );
  if (job?.state === 'succeeded' && (before?.id !== job.id || before.state !== 'succeeded')) {
    void client.invalidateQueries({ queryKey: historyKey(baseUrl, accountId), exact: true });
  }
}
