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
  moment: KillMoment;
  /** The job's state when the process was killed. */
  killedIn: RefreshJobState;
  signal: string | null;
  job: RefreshJob;
  /** Refresh calls the job made in all (a call the bank never saw is a call, not a session). */
  refreshes: number;
  /** Bank sessions those calls started, as the provider counts them. */
  sessions: number;
  /** From the restarted process answering to the job settled. */
  recoveryMs: number;
  problems: string[];
}

/**
 * When a kill strikes:
 * - `waiting`: between steps, while the job waits for the bank;
 * - `requesting`: mid-step, in the billed refresh call after the bank started its session (its answer held
 *   by a `lost-answer` fault), so the dead process's lease must run out and the job must find that balance;
 * - `unsent`: mid-step, in a refresh call the bank never saw (held by a `hang` fault);
 * - `reading`: mid-step, in the read of the new balance (held by a `hang` fault);
 * - `random`: at a random moment of the job.
 */
export type KillMoment = 'waiting' | 'requesting' | 'unsent' | 'reading' | 'random';

// The faults that hold a step open at the moment of the kill, and the state that step shows.
const HELD: Partial<
  Record<KillMoment, { endpoint: string; kind: 'lost-answer' | 'hang'; state: RefreshJobState }>
> = {
  requesting: { endpoint: 'POST /balance/refresh', kind: 'lost-answer', state: 'requesting' },
  unsent: { endpoint: 'POST /balance/refresh', kind: 'hang', state: 'requesting' },
  reading: { endpoint: 'POST /balance/getByAccount', kind: 'hang', state: 'waiting' },
};

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
    // The default lease (15 s): a step killed mid-flight holds the job until it runs out. A refresh call the
    // bank never saw is asked again after the lost-answer window, 10 s here (60 s by default).
    route: {
      refresh: {
        debounceMs: 0,
        pollIntervalMs: 200,
        maxPollIntervalMs: 1_000,
        deadlineMs: 90_000,
        lostAnswerWindowMs: 10_000,
      },
      providerTimeoutMs: 30_000,
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
      const held = HELD[moment];
      if (held !== undefined) stack.sandbox.setFaults({ [held.endpoint]: [{ kind: held.kind, times: 1 }] });
      const started = await client.request<RefreshJobResponse>('POST', `/accounts/${account.id}/refresh`, {});
      let job = started.body.job;
      if (moment === 'random') {
        await new Promise((resolve) => setTimeout(resolve, random.int(0, LATENCY_MS + 300)));
      } else if (held !== undefined) {
        // Killed once the held call is under way: the fault's one use is taken.
        job = await until(client, account.id, job, held.state);
        await waitUntil(() => (stack.sandbox.faults()[held.endpoint] ?? []).length === 0);
      } else {
        job = await until(client, account.id, job, moment as RefreshJobState);
      }
      const killedIn = (await current(client, account.id, job)).state;
      const exit = await stack.servers[0]!.kill('SIGKILL');
      stack.sandbox.setFaults({});
      await stack.restart(0);
      const restartedAt = performance.now();
      job = await waitSettled(client, account.id, job, 150_000);
      const recoveryMs = performance.now() - restartedAt;
      const problems = await refreshProblems(stack.sandbox, client, account, job, before);
      if ((await snapshotCount(client, account.id)) < history) problems.push('history lost snapshots');
      const calls = upstreamCalls(stack.sandbox, account.providerAccountId);
      outcomes.push({
        moment,
        killedIn,
        signal: exit.signal,
        job,
        refreshes: calls.refreshes,
        sessions: stack.sandbox.counts().refreshSessions[account.providerAccountId] ?? 0,
        recoveryMs,
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

async function waitUntil(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((resolve) => setTimeout(resolve, 10));
}

async function snapshotCount(client: RouteClient, accountId: string): Promise<number> {
  const reply = await client.request<{ snapshots: unknown[] }>('GET', `/accounts/${accountId}/history`);
  return reply.body.snapshots.length;
}
