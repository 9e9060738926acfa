import { docsRecipeRefresh } from '../baseline/docsRecipe.ts';
import { linkAccounts } from '../harness/linkAccounts.ts';
import type { Table } from '../harness/printTable.ts';
import { startStack } from '../harness/startStack.ts';
import { refreshLikeUseBalance } from '../ours/refreshLikeUseBalance.ts';
import { formatCalls, upstreamCalls, type UpstreamCalls } from './upstreamCalls.ts';

/** Options of {@link upstreamCallsTable}. Times are the real ones times `scale`. */
export interface UpstreamCallsOptions {
  /** How many clients refresh one account at once. */
  clients: number[];
  /** 1 for real time; 0.1 runs the periodic case ten times faster (every wait, window and latency scaled). */
  scale: number;
}

/** The real-time settings, before scaling. */
const REAL = {
  latencyMs: 2_000,
  debounceMs: 60_000,
  duplicateDelayMs: 60_000,
  docsWaitMs: 120_000,
  everyMs: 5_000,
  forMs: 300_000,
};

/**
 * Benchmark 3: provider calls (billed) for K clients refreshing one account at once, and for one client
 * refreshing every 5 s for 5 minutes, ours vs the docs' recipe, from the sandbox's per-account counts. Every
 * case runs at once, each on its own account.
 *
 * @example
 * printTable(await upstreamCallsTable({ clients: [1, 10, 100], scale: 1 }));
 */
export async function upstreamCallsTable(options: UpstreamCallsOptions): Promise<Table> {
  const s = options.scale;
  const stack = await startStack({
    sandbox: { latencyMs: REAL.latencyMs * s, duplicateDelayMs: REAL.duplicateDelayMs * s, seed: 3 },
    route: { refresh: { debounceMs: REAL.debounceMs * s, pollIntervalMs: Math.max(50, 2_000 * s) } },
  });
  try {
    const client = stack.client('upstream-calls');
    const cases = [
      ...options.clients.map((k) => ({ label: `${k} at once`, k })),
      { label: 'periodic', k: 0 },
    ];
    const ours = await linkAccounts(client, stack.sandbox, cases.length);
    const docs = (await stack.sandbox.linkAccount({ accounts: cases.length })).accounts;
    const docsWaitMs = REAL.docsWaitMs * s;
    const results = await Promise.all(
      cases.map(async ({ k }, i) => {
        const ourId = ours[i]!.id;
        const docsId = docs[i]!._id;
        const recipe = () =>
          docsRecipeRefresh(
            {
              apiBaseUrl: stack.sandbox.apiBaseUrl,
              secretKey: stack.sandbox.credentials.secretKey,
              waitMs: docsWaitMs,
            },
            docsId,
          );
        if (k > 0) {
          await Promise.all([
            Promise.all(Array.from({ length: k }, () => refreshLikeUseBalance(client, ourId))),
            Promise.all(Array.from({ length: k }, recipe)),
          ]);
        } else {
          await Promise.all([
            periodically(REAL.everyMs * s, REAL.forMs * s, () => refreshLikeUseBalance(client, ourId)),
            periodically(REAL.everyMs * s, REAL.forMs * s, recipe),
          ]);
        }
        return {
          ours: upstreamCalls(stack.sandbox, ours[i]!.providerAccountId),
          docs: upstreamCalls(stack.sandbox, docsId),
        };
      }),
    );
    return table(
      cases.map((entry) => entry.label),
      results,
      s,
    );
  } finally {
    await stack.close();
  }
}

/** Starts `task` every `everyMs` for `forMs` (each run on its own, as a user pressing a button), then waits for all. */
async function periodically(everyMs: number, forMs: number, task: () => Promise<unknown>): Promise<void> {
  const runs: Promise<unknown>[] = [];
  for (let at = 0; at < forMs; at += everyMs) {
    runs.push(task());
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
  await Promise.all(runs);
}

function table(
  labels: string[],
  results: { ours: UpstreamCalls; docs: UpstreamCalls }[],
  scale: number,
): Table {
  const periodic = scale === 1 ? 'every 5 s for 5 min' : `every 5 s for 5 min, time × ${scale}`;
  return {
    title: "Upstream calls for one account, ours vs the docs' recipe (sandbox counts)",
    headers: [
      'clients',
      'ours: total (refresh / callback / read)',
      'recipe: total (refresh / callback / read)',
      'recipe / ours',
    ],
    rows: results.map(({ ours, docs }, i) => [
      labels[i] === 'periodic' ? `1, ${periodic}` : labels[i]!,
      formatCalls(ours),
      formatCalls(docs),
      (docs.total / ours.total).toFixed(1),
    ]),
    notes: [
      "Ours joins every refresh of an account within the debounce window (60 s, the docs' advice) into one job;",
      "the recipe has each client start its own bank session. Bank latency 2 s, the sandbox's duplicate window 60 s.",
      ...(scale === 1
        ? []
        : [`Time ran ${1 / scale}× faster: every latency, window, wait and interval × ${scale}.`]),
    ],
  };
}
