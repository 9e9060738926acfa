import { bundleCostTable } from './bundle/bundleCostTable.ts';
import { describeMachine } from './harness/machine.ts';
import { streamScaleTable } from './live/streamScaleTable.ts';
import { snapshotBuilds } from './harness/snapshotBuilds.ts';
import { printTable } from './harness/printTable.ts';
import { freshBalanceTable } from './refresh/freshBalance.ts';
import { scheduleCallsTable } from './refresh/scheduleCallsTable.ts';
import { upstreamCallsTable } from './refresh/upstreamCallsTable.ts';
import { routeThroughputTable } from './throughput/routeThroughputTable.ts';
import { widgetOpenTable } from './widget/widgetOpenTable.ts';

// `pnpm bench` runs every benchmark at full size (about 12 minutes); `pnpm bench --quick` a scaled-down
// smoke run (about 2 minutes, figures not for BENCHMARKS.md).
const quick = process.argv.includes('--quick');
const started = performance.now();

// Copies of the builds: another process's `pnpm build` cleans `dist` first, which must not break this run.
const snapshot = snapshotBuilds();

const write = (line: string) => process.stdout.write(`${line}\n`);
write(`# okra-balance benchmarks${quick ? ' (quick: scaled down, not for BENCHMARKS.md)' : ''}`);
write('');
for (const line of describeMachine()) write(`- ${line}`);

printTable(await bundleCostTable([snapshot.plugin]));

const widget = await widgetOpenTable(quick ? 3 : 15, [snapshot.plugin]);
snapshot.remove();
write(`\n- chromium: ${widget.chromiumVersion}`);
printTable(widget.table);

// Both refresh benchmarks mostly wait on the bank's latency: run them at once, each on its own accounts. The
// calls benchmark starts later, once the short-latency fresh-balance runs are over, so its start-up and its
// bursts of 100 clients do not share the event loop with a timed run.
const [fresh, upstream] = await Promise.all([
  quick
    ? freshBalanceTable({ latenciesMs: [200, 1_000, 6_000], runs: 3, docsWaitMs: 12_000 })
    : freshBalanceTable({ latenciesMs: [2_000, 10_000, 60_000], runs: 5, docsWaitMs: 120_000 }),
  new Promise((resolve) => setTimeout(resolve, quick ? 8_000 : 30_000)).then(() =>
    upstreamCallsTable({ clients: [1, 10, 100], scale: quick ? 0.1 : 1 }),
  ),
]);
printTable(fresh);
printTable(upstream);
printTable(
  await scheduleCallsTable(
    quick
      ? { everyHours: [6, 12], accounts: 5, days: 3, hourMs: 50 }
      : { everyHours: [6, 12, 24], accounts: 10, days: 5, hourMs: 200 },
  ),
);

printTable(await routeThroughputTable(quick ? { rounds: 1, seconds: 2 } : { rounds: 3, seconds: 5 }));
printTable(
  await streamScaleTable(
    quick
      ? { users: 5, streamsPerUser: 20, idleMs: 3_000 }
      : { users: 10, streamsPerUser: 100, idleMs: 20_000 },
  ),
);

write(`\nTotal: ${((performance.now() - started) / 60_000).toFixed(1)} min`);
