import type { BalanceResponse } from '@okra-balance/core';
import { readEvents } from '../../../packages/server/src/testing/eventReader.ts';
import { BENCH_USER_HEADER } from '../harness/benchUser.ts';
import type { RouteClient } from '../harness/routeClient.ts';
import { clickRefresh, type ClientRefresh } from './refreshLikeUseBalance.ts';

/**
 * What `useBalance().refresh()` does with the event stream open: the page holds `GET /events` already, posts
 * `POST /accounts/:id/refresh`, and shows the balance the stream pushes when the job settles. No polls.
 *
 * @example
 * const { elapsedMs } = await refreshWithStream(client, 'user_1', account.id);
 */
export async function refreshWithStream(
  client: RouteClient,
  userId: string,
  accountId: string,
): Promise<ClientRefresh> {
  const events = await readEvents(`${client.baseUrl}/events`, { [BENCH_USER_HEADER]: userId });
  try {
    await events.next((event) => event.event === 'ready');
    const startedAt = performance.now();
    const { job, joined = false } = await clickRefresh(client, accountId);
    const settled = await events.next((event) => {
      const data = event.data as BalanceResponse;
      return event.event === 'account' && data.job?.id === job.id && data.job.settledAt !== null;
    }, 15 * 60_000);
    const latest = (settled.data as BalanceResponse).job ?? job;
    return { job: latest, joined, elapsedMs: performance.now() - startedAt, polls: 0 };
  } finally {
    events.close();
  }
}
