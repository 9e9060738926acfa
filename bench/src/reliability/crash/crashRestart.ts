import {
  isSettled,
  type RefreshJob,
  type RefreshJobResponse,
  type RefreshJobState,
} from '@okra-balance/core';
import type { RouteClient } from '../../harness/routeClient.ts';
import { linkAccounts } from '../../harness/linkAccounts.ts';
import { seededRandom } from '../../harness/seededRandom.ts';
import { startProcessStack } from '../../harness/startProcessStack.ts';
import type { ServerChildOptions } from '../../harness/spawnServer.ts';
import { upstreamCalls } from '../../refresh/upstreamCalls.ts';
import { refreshProblems, storedBalance, waitSettled } from '../checkRefresh.ts';
import { childHealth, type ChildHealth } from '../childHealth.ts';

/** One kill: when it struck, how the job ended after the restart, and what was wrong. */
export interface CrashOutcome {
  /** The job's state when the process was killed. */
  killedIn: RefreshJobState;
  signal: string | null;
  job: RefreshJob;
  /** Bank sessions the job made in all (a kill mid-request may cost a second one). */
  refreshes: number;
  problems: string[];
}

/**
 * When a kill strikes: `waiting` while the job waits for the bank (between steps); `requesting` in the middle
 * of a step, its refresh call held open by a `hang` fault, so the dead process's lease must run out; `random`
 * at a random moment of the job.
 */
export type KillMoment = 'waiting' | 'requesting' | 'random';

/** Options of {@link crashRestart}. */
export interface CrashOptions {
  seed: number;
  /** One kill-and-restart round per entry, each on its own account. */
  kills: KillMoment[];
  store: ServerChildOptions['store'];
}

const LATENCY_MS = 1_500;

/**
 * Reliability 3: start a refresh, SIGKILL the route process mid-job, restart it on the same store, and check
 * the job still completes or fails cleanly with the balance intact and nothing lost.
 *
 * @example
 * const { outcomes } = await crashRestart({ seed: 1, kills: ['waiting'], store });
 */
export async function crashRestart(
  options: CrashOptions,
): Promise<{ outcomes: CrashOutcome[]; health: ChildHealth }> {
  const random = seededRandom(options.seed);
  const stack = await startProcessStack({
    store: options.store,
    sandbox: { latencyMs: LATENCY_MS, duplicateDelayMs: 0, seed: options.seed },
    // A step killed mid-flight keeps its lease (a minute with a 2 s provider timeout) until it runs out; the
    // deadline outlasts it, so such a job can still complete after the restart.
    route: {
      refresh: { debounceMs: 0, pollIntervalMs: 200, maxPollIntervalMs: 1_000, deadlineMs: 90_000 },
      providerTimeoutMs: 2_000,
    },
  });
  try {
    const accounts = await linkAccounts(stack.client(0, 'crash'), stack.sandbox, options.kills.length);
    const outcomes: CrashOutcome[] = [];
    // The restarted child listens on the same port, so one client serves before and after.
    const client = stack.client(0, 'crash');
    for (const [i, moment] of options.kills.entries()) {
      const account = accounts[i]!;
      const before = await storedBalance(client, account.id);
      const history = await snapshotCount(client, account.id);
      if (moment === 'requesting')
        stack.sandbox.setFaults({ 'POST /balance/refresh': [{ kind: 'hang', times: 1 }] });
      const started = await client.request<RefreshJobResponse>('POST', `/accounts/${account.id}/refresh`, {});
      let job = started.body.job;
      if (moment === 'random')
        await new Promise((resolve) => setTimeout(resolve, random.int(0, LATENCY_MS + 300)));
      else job = await until(client, account.id, job, moment);
      const killedIn = (await current(client, account.id, job)).state;
      const exit = await stack.servers[0]!.kill('SIGKILL');
      await stack.restart(0);
      job = await waitSettled(client, account.id, job, 150_000);
      const problems = await refreshProblems(stack.sandbox, client, account, job, before);
      if ((await snapshotCount(client, account.id)) < history) problems.push('history lost snapshots');
      outcomes.push({
        killedIn,
        signal: exit.signal,
        job,
        refreshes: upstreamCalls(stack.sandbox, account.providerAccountId).refreshes,
        problems,
      });
    }
    return { outcomes, health: await childHealth(stack.servers[0]!, stack.sandbox) };
  } finally {
    await stack.close();
  }
}

async function current(client: RouteClient, accountId: string, job: RefreshJob): Promise<RefreshJob> {
  const reply = await client.request<RefreshJobResponse>('GET', `/accounts/${accountId}/refresh/${job.id}`);
  return reply.status === 200 ? reply.body.job : job;
}

async function until(client: RouteClient, accountId: string, job: RefreshJob, state: RefreshJobState) {
  let seen = job;
  while (seen.state !== state && !isSettled(seen)) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    seen = await current(client, accountId, seen);
  }
  return seen;
}

async function snapshotCount(client: RouteClient, accountId: string): Promise<number> {
  const reply = await client.request<{ snapshots: unknown[] }>('GET', `/accounts/${accountId}/history`);
  return reply.body.snapshots.length;
}
