import { isSettled, type BalanceResponse } from '@okra-balance/core';
import type { BalanceTiming } from './BalanceTiming.ts';

interface PolledQuery {
  state: { data?: BalanceResponse | undefined; dataUpdateCount: number; errorUpdateCount: number };
}

// Per query: which job it is polling, and how many answers had come in when that job was first seen.
const seen = new WeakMap<PolledQuery, { job: string; base: number }>();

/**
 * TanStack Query's `refetchInterval` for a balance: `false` unless a refresh job is running, then a delay that
 * grows 1.5× with every answer for that job, up to `maxPollMs`. Polling stops on the answer that settles it.
 *
 * @example
 * useQuery({ ...options, refetchInterval: (query) => pollInterval(query, defaultTiming) });
 */
export function pollInterval(query: PolledQuery, timing: BalanceTiming): number | false {
  const job = query.state.data?.job;
  const answers = query.state.dataUpdateCount + query.state.errorUpdateCount;
  if (!job || isSettled(job)) {
    seen.delete(query);
    return false;
  }
  let entry = seen.get(query);
  if (entry?.job !== job.id) seen.set(query, (entry = { job: job.id, base: answers }));
  return Math.round(Math.min(timing.maxPollMs, timing.pollMs * 1.5 ** (answers - entry.base)));
}
