import { isSettled } from '@okra-balance/core';
import { docsRecipeRefresh } from '../baseline/docsRecipe.ts';
import type { Table } from '../harness/printTable.ts';
import { startStack } from '../harness/startStack.ts';
import { linkAccounts } from '../harness/linkAccounts.ts';
import { formatSummary, summarize } from '../harness/summarize.ts';
import { refreshLikeUseBalance } from '../ours/refreshLikeUseBalance.ts';
import { refreshWithStream } from '../ours/refreshWithStream.ts';

/** Options of {@link freshBalanceTable}. */
export interface FreshBalanceOptions {
  /** The bank latencies L to try (ms). */
  latenciesMs: number[];
  /** Refreshes per side per latency, each on its own account. */
  runs: number;
  /** The recipe's fixed wait (the docs: about two minutes). */
  docsWaitMs: number;
}

interface Run {
  elapsedMs: number;
  fresh: boolean;
  /** Ours only: the job's own time, created → settled on the server. */
  serverMs?: number;
}

/**
 * Benchmark 2: time from the click to a fresh balance, against the bank latency L, ours (refresh job,
 * webhook, `useBalance` polling) and the docs' recipe side by side: every run of every latency at once, each
 * on its own account, so the whole benchmark takes about the recipe's wait.
 *
 * @example
 * printTable(await freshBalanceTable({ latenciesMs: [2_000, 10_000, 60_000], runs: 5, docsWaitMs: 120_000 }));
 */
export async function freshBalanceTable(options: FreshBalanceOptions): Promise<Table> {
  // Every stack is up and linked before any run starts, so no run shares the event loop with a start-up.
  const setups = await Promise.all(options.latenciesMs.map((latency) => setUp(latency, options.runs)));
  const results = await Promise.all(setups.map((setup) => measure(setup, options)));
  const rows = results.map(({ latency, push, ours, docs }) => {
    const pushTime = summarize(push.map((run) => run.elapsedMs / latency));
    const oursTime = summarize(ours.map((run) => run.elapsedMs / latency));
    const serverTime = summarize(ours.map((run) => (run.serverMs ?? Number.NaN) / latency));
    const docsTime = summarize(docs.map((run) => run.elapsedMs / latency));
    return [
      `${latency / 1000} s`,
      formatSummary(summarize(push.map((run) => run.elapsedMs / 1000)), 2, ' s'),
      formatSummary(pushTime, 2),
      `${push.filter((run) => run.fresh).length}/${push.length}`,
      formatSummary(summarize(ours.map((run) => run.elapsedMs / 1000)), 2, ' s'),
      formatSummary(oursTime, 2),
      formatSummary(serverTime, 2),
      `${ours.filter((run) => run.fresh).length}/${ours.length}`,
      formatSummary(summarize(docs.map((run) => run.elapsedMs / 1000)), 1, ' s'),
      formatSummary(docsTime, 1),
      `${docs.filter((run) => run.fresh).length}/${docs.length}`,
      (docsTime.median / pushTime.median).toFixed(1),
    ];
  });
  return {
    title: `Time to a fresh balance vs the bank's latency L (sandbox; N = ${options.runs} per cell)`,
    headers: [
      'L',
      'push',
      'push / L',
      'push fresh',
      'polling',
      'polling / L',
      'ours, server job / L',
      'polling fresh',
      "docs' recipe",
      'recipe / L',
      'recipe fresh',
      'recipe / push',
    ],
    rows,
    notes: [
      'The lower bound is L. "push" is what the user waits with the event stream open: POST refresh, then the',
      'settled job arrives on GET /events. "polling" is the fallback without a stream: POST refresh, then GET',
      'balance on useBalance\'s schedule (1 s, ×1.5, ≤ 15 s) until the job settles; "server job" is the job alone (created → settled,',
      `webhook-driven). The recipe waits a fixed ${options.docsWaitMs / 1000} s, GETs the callback once, then reads.`,
      '"fresh" counts runs that ended with the bank\'s new answer (a settled job; a completed callback).',
    ],
  };
}

async function setUp(latency: number, runs: number) {
  const stack = await startStack({ sandbox: { latencyMs: latency, seed: latency } });
  const client = stack.client('fresh-balance');
  const ourAccounts = await linkAccounts(client, stack.sandbox, runs);
  const pushAccounts = await linkAccounts(client, stack.sandbox, runs);
  // A server that has answered a refresh before, as in production: the first request of a process pays for
  // compiling its code paths, which is not the bank's latency nor ours to count.
  const [warm] = await linkAccounts(client, stack.sandbox, 1);
  await client.request('POST', `/accounts/${encodeURIComponent(warm?.id ?? '')}/refresh`, {});
  const docsAccounts = [];
  while (docsAccounts.length < runs) {
    const link = await stack.sandbox.linkAccount({ accounts: Math.min(5, runs - docsAccounts.length) });
    docsAccounts.push(...link.accounts);
  }
  return { latency, stack, client, ourAccounts, pushAccounts, docsAccounts };
}

async function measure(setup: Awaited<ReturnType<typeof setUp>>, options: FreshBalanceOptions) {
  const { latency, stack, client } = setup;
  try {
    const recipe = {
      apiBaseUrl: stack.sandbox.apiBaseUrl,
      secretKey: stack.sandbox.credentials.secretKey,
      waitMs: options.docsWaitMs,
    };
    const [push, ours, docs] = await Promise.all([
      Promise.all(
        setup.pushAccounts.map(async (account): Promise<Run> => {
          const { job, elapsedMs } = await refreshWithStream(client, 'fresh-balance', account.id);
          const serverMs = Date.parse(job.settledAt ?? '') - Date.parse(job.createdAt);
          return { elapsedMs, fresh: isSettled(job) && job.state !== 'failed', serverMs };
        }),
      ),
      Promise.all(
        setup.ourAccounts.map(async (account): Promise<Run> => {
          const { job, elapsedMs } = await refreshLikeUseBalance(client, account.id);
          const serverMs = Date.parse(job.settledAt ?? '') - Date.parse(job.createdAt);
          return { elapsedMs, fresh: isSettled(job) && job.state !== 'failed', serverMs };
        }),
      ),
      Promise.all(
        setup.docsAccounts.map(async (account): Promise<Run> => {
          const result = await docsRecipeRefresh(recipe, account._id);
          return { elapsedMs: result.finishedAt - result.startedAt, fresh: result.fresh };
        }),
      ),
    ]);
    return { latency, push, ours, docs };
  } finally {
    await stack.close();
  }
}
