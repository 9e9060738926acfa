import { useMutation, useQuery } from '@tanstack/react-query';
import {
  isSettled,
  type Balance,
  type BalanceResponse,
  type LinkHealth,
  type RefreshJob,
  type RefreshJobResponse,
} from '@okra-balance/core';
import type { BalanceApiError } from './BalanceApiError.ts';
import { useBalanceContext } from './BalanceContext.ts';
import { balanceKey } from './balanceKeys.ts';
import { balanceQueryOptions } from './balanceQueryOptions.ts';
import { pollInterval } from './pollInterval.ts';
import { requestJson } from './requestJson.ts';
import { isFromList } from './seedBalances.ts';
import { useBalanceStream } from './useBalanceStream.ts';

/** What {@link useBalance} returns. */
export interface UseBalanceResult {
  /** The last stored balance. Kept while a refresh runs and after one fails. Null before the first one. */
  balance: Balance | null;
  /** The latest refresh job, running or settled, or null if none ever ran. */
  job: RefreshJob | null;
  /** No answer yet (TanStack's `isPending`): true until the first balance reply, or its final failure. */
  isPending: boolean;
  /** True from `refresh()` until the job settles. */
  isRefreshing: boolean;
  /** When the server ran a balance check: whether the bank reported a change. Null otherwise. */
  balanceChanged: boolean | null;
  /** When a balance check last ran for this account (ISO), or null. */
  lastCheckedAt: string | null;
  /** Whether the link works, or needs its user to reconnect (`needs_reauth`); null before the first answer. */
  health: LinkHealth | null;
  /** Why the latest refresh job failed, or null. */
  failure: RefreshJob['failure'];
  /** The last request that failed (loading, polling or starting a refresh), or null. */
  error: BalanceApiError | null;
  /** Starts a server-side refresh job and polls it until it settles. */
  refresh: () => void;
  /** Asks for the stored balance again (after a failed load). */
  reload: () => void;
}

/**
 * The last stored balance of one linked account and the state of its refresh, kept live by the route's event
 * stream (one per page). While the stream is not open, it polls a running refresh job until it settles. An
 * answer equal to the last one does not re-render.
 *
 * @example
 * const { balance, isPending, isRefreshing, refresh } = useBalance(accountId);
 */
export function useBalance(accountId: string): UseBalanceResult {
  const route = useBalanceContext('useBalance');
  const { config, client, timing } = route;
  const live = useBalanceStream(route);
  const query = useQuery(
    {
      ...balanceQueryOptions(config, accountId, timing),
      // The list's copy is as fresh as the list: a card mounting under it asks for nothing.
      refetchOnMount: (cached) => !isFromList(cached.state.data),
      // An open stream brings every change of a running job; polling is the fallback while it is not open.
      refetchInterval: (cached) => !live && pollInterval(cached, timing),
    },
    client,
  );
  const starter = useMutation<RefreshJobResponse, BalanceApiError>(
    {
      mutationFn: () =>
        requestJson(config, {
          path: `/accounts/${encodeURIComponent(accountId)}/refresh`,
          method: 'POST',
          body: {},
          expect: 'job',
        }),
      // Putting the job into the balance's cache entry is what starts the polling. The stream may already
      // have brought this job, in a later state: that one stays.
      onSuccess: ({ job }) =>
        client.setQueryData<BalanceResponse>(balanceKey(config.baseUrl, accountId), (old) =>
          old && !(old.job?.id === job.id && old.job.updatedAt >= job.updatedAt) ? { ...old, job } : old,
        ),
    },
    client,
  );
  const data = query.data;
  const job = data?.job ?? null;
  return {
    balance: data?.balance ?? null,
    job,
    isPending: query.isPending,
    isRefreshing: starter.isPending || (job !== null && !isSettled(job)),
    balanceChanged: job?.balanceChanged ?? null,
    lastCheckedAt: data?.balance?.lastCheckedAt ?? null,
    health: data?.health ?? null,
    failure: job?.failure ?? null,
    error: starter.error ?? query.error,
    refresh: () => starter.mutate(),
    reload: () => void query.refetch(),
  };
}
