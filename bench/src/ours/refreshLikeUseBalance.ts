import {
  isSettled,
  type BalanceResponse,
  type RefreshJob,
  type RefreshJobResponse,
} from '@okra-balance/core';
import type { RouteClient } from '../harness/routeClient.ts';

/**
 * The polling schedule `useBalance` documents (packages/react README): 1 s, then 1.5× per answer, at most
 * 15 s. TanStack Query does not run `refetchInterval` outside a browser, so the benchmark replays it here.
 */
export const USE_BALANCE_POLLING = { firstMs: 1_000, factor: 1.5, maxMs: 15_000 };

/** What a client saw for one refresh. */
export interface ClientRefresh {
  job: RefreshJob;
  /** The settled job joined one already running (no new upstream call). */
  joined: boolean;
  /** From the click to the answer that showed the job settled, as the user sees it. */
  elapsedMs: number;
  /** Balance reads made while waiting. */
  polls: number;
}

/**
 * What `useBalance().refresh()` does over HTTP: `POST /accounts/:id/refresh`, then `GET
 * /accounts/:id/balance` on the hook's schedule until the job it got has settled.
 *
 * @example
 * const { job, elapsedMs } = await refreshLikeUseBalance(client, account.id);
 */
export async function refreshLikeUseBalance(client: RouteClient, accountId: string): Promise<ClientRefresh> {
  const startedAt = performance.now();
  const path = `/accounts/${encodeURIComponent(accountId)}`;
  const { job, joined = false } = await clickRefresh(client, accountId);
  let polls = 0;
  let latest = job;
  while (!isSettled(latest)) {
    const wait = Math.min(
      USE_BALANCE_POLLING.maxMs,
      USE_BALANCE_POLLING.firstMs * USE_BALANCE_POLLING.factor ** polls,
    );
    await new Promise((resolve) => setTimeout(resolve, wait));
    polls += 1;
    const reply = await client.request<BalanceResponse>('GET', `${path}/balance`);
    if (reply.status !== 200) continue;
    // A newer job may have started meanwhile; this client waits for its own.
    if (reply.body.job !== null && reply.body.job.id === job.id) latest = reply.body.job;
    else if (reply.body.job !== null && reply.body.job.id !== job.id) {
      const own = await client.request<RefreshJobResponse>('GET', `${path}/refresh/${job.id}`);
      if (own.status === 200) latest = own.body.job;
    }
  }
  return { job: latest, joined, elapsedMs: performance.now() - startedAt, polls };
}

/**
 * The click: `POST /accounts/:id/refresh`, which must answer 202 with the job (started or joined).
 *
 * @example
 * const { job } = await clickRefresh(client, account.id);
 */
export async function clickRefresh(client: RouteClient, accountId: string): Promise<RefreshJobResponse> {
  const path = `/accounts/${encodeURIComponent(accountId)}/refresh`;
  const started = await client.request<RefreshJobResponse>('POST', path, {});
  if (started.status !== 202) throw new Error(`POST ${path} answered ${started.status}: ${started.text}`);
  return started.body;
}
