import type { RefreshStrategy } from '@okra-balance/core';
import { linkAccounts } from '../harness/linkAccounts.ts';
import type { Table } from '../harness/printTable.ts';
import { startStack } from '../harness/startStack.ts';
import { formatSummary, summarize } from '../harness/summarize.ts';

/** Options of {@link scheduleCallsTable}. */
export interface ScheduleCallsOptions {
  /** Hours between scheduled refreshes to try. */
  everyHours: number[];
  /** Accounts per cell. */
  accounts: number;
  /** Simulated days per cell. */
  days: number;
  /** Real ms per simulated hour. */
  hourMs: number;
}

const BILLED = ['POST /balance/refresh', 'POST /balance/check'];

/**
 * What periodic balances cost: upstream calls per account per simulated day, for each schedule and both
 * strategies (`refresh` every time; `check-first`, a check and a refresh only when the bank says the balance
 * changed), with time scaled (`refresh.schedule.hourMs`) so a day takes seconds.
 *
 * @example
 * printTable(await scheduleCallsTable({ everyHours: [6, 12], accounts: 10, days: 4, hourMs: 100 }));
 */
export async function scheduleCallsTable(options: ScheduleCallsOptions): Promise<Table> {
  const cells = options.everyHours.flatMap((everyHours) =>
    (['refresh', 'check-first'] as const).map((strategy) => ({ everyHours, strategy })),
  );
  const rows = await Promise.all(cells.map((cell) => measure(cell.everyHours, cell.strategy, options)));
  return {
    title: `Periodic balances: upstream calls per account per day (${options.accounts} accounts, ${options.days} simulated days per row, an hour = ${options.hourMs} ms)`,
    headers: [
      'schedule',
      'strategy',
      'expected bank sessions / day',
      'billed calls / day',
      'refresh / check / callback / read per day',
      'all calls / day',
    ],
    rows,
    notes: [
      'Counted by the sandbox per provider account, after linking, over the whole window, divided by its days (the',
      'first scheduled refresh comes one interval after the link, so a window of D days holds about 24·D/h − ½);',
      'median (min–max) over the accounts. Billed calls are POST /balance/refresh and /balance/check (each a bank',
      'session). check-first asks the bank whether the balance changed and refreshes only then, as often as the',
      "sandbox's seeded bank says it did. Jitter 0.1; the debounce and the sandbox's latency scaled with the hour.",
    ],
  };
}

async function measure(everyHours: number, strategy: RefreshStrategy, options: ScheduleCallsOptions) {
  const { hourMs } = options;
  const stack = await startStack({
    // The sandbox's duplicate window (a bank answering a repeat late) is a minute of real time: scaled away.
    sandbox: { latencyMs: Math.max(5, Math.round(hourMs / 20)), seed: everyHours * 7, duplicateDelayMs: 0 },
    route: {
      refresh: {
        // A minute of real time, scaled like the hour.
        debounceMs: Math.max(1, Math.round(hourMs / 60)),
        pollIntervalMs: Math.max(5, Math.round(hourMs / 50)),
        maxPollIntervalMs: Math.max(10, Math.round(hourMs / 10)),
        lostAnswerWindowMs: hourMs,
        schedule: { everyHours, hourMs, strategy },
      },
    },
  });
  try {
    const accounts = await linkAccounts(stack.client('schedule'), stack.sandbox, options.accounts);
    stack.sandbox.resetCounts();
    await new Promise((resolve) => setTimeout(resolve, options.days * 24 * hourMs));
    const counts = stack.sandbox.counts().byAccount;
    const perDay = (pick: (calls: Record<string, number>) => number) =>
      summarize(accounts.map((account) => pick(counts[account.providerAccountId] ?? {}) / options.days));
    const sum = (names: string[]) => (calls: Record<string, number>) =>
      names.reduce((total, name) => total + (calls[name] ?? 0), 0);
    const parts = [
      'POST /balance/refresh',
      'POST /balance/check',
      'GET /callback',
      'POST /balance/getByAccount',
    ]
      .map((name) => perDay(sum([name])).median.toFixed(1))
      .join(' / ');
    return [
      `every ${everyHours} h`,
      strategy,
      (24 / everyHours).toFixed(1),
      formatSummary(perDay(sum(BILLED)), 1),
      parts,
      formatSummary(
        perDay((calls) => Object.values(calls).reduce((total, n) => total + n, 0)),
        1,
      ),
    ];
  } finally {
    await stack.close();
  }
}
