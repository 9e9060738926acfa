import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox } from '@okra-balance/sandbox';
import { freePort, startPostgresCluster } from '../../../tooling/postgresCluster.ts';
import { BENCH_USER_HEADER } from '../harness/benchUser.ts';
import { createDatabase } from '../harness/createDatabase.ts';
import { linkAccounts } from '../harness/linkAccounts.ts';
import type { Table } from '../harness/printTable.ts';
import { routeClient } from '../harness/routeClient.ts';
import { spawnProcess } from '../harness/spawnProcess.ts';
import { spawnServer, type ServerChildOptions } from '../harness/spawnServer.ts';
import { formatSummary, pairedRatios, summarize } from '../harness/summarize.ts';
import { loadTest, type LoadResult } from './loadTest.ts';

/** Options of {@link routeThroughputTable}. */
export interface RouteThroughputOptions {
  /** Rounds; each runs every case once, ours and bare alternating first. */
  rounds: number;
  /** Seconds per case. */
  seconds: number;
}

const USER = 'throughput';

/**
 * Benchmark 4: `GET /accounts` (10 accounts) and `GET /accounts/:id/balance`, ours vs a bare Hono handler
 * answering the same JSON from memory, each in its own process, with PGlite and with a PostgreSQL server.
 *
 * @example
 * printTable(await routeThroughputTable({ rounds: 3, seconds: 5 }));
 */
export async function routeThroughputTable(options: RouteThroughputOptions): Promise<Table> {
  const rows: string[][] = [];
  const cluster = await startPostgresCluster();
  const sandbox = await startSandbox({ latencyMs: 50 });
  const dataDir = mkdtempSync(join(tmpdir(), 'okra-bench-pglite-'));
  try {
    rows.push(...(await measureStore('PGlite', sandbox, { kind: 'pglite', dataDir }, options)));
    if (cluster === null) {
      rows.push(['PostgreSQL', 'not installed', '', '', '', '', '', '']);
    } else {
      const database = await createDatabase(cluster.url);
      try {
        const store = { kind: 'postgres', connectionString: database.url } as const;
        rows.push(...(await measureStore('PostgreSQL', sandbox, store, options)));
      } finally {
        await database.drop();
      }
    }
  } finally {
    await sandbox.close();
    rmSync(dataDir, { recursive: true, force: true });
    cluster?.stop();
  }
  return {
    title: `Route throughput on loopback (autocannon, 10 connections, ${options.seconds} s per case, ${options.rounds} rounds)`,
    headers: [
      'store',
      'route',
      'ours req/s',
      'bare req/s',
      'ours / bare',
      'ours p50 / p99 ms',
      'bare p50 / p99 ms',
      'failures',
    ],
    rows,
    notes: [
      'Each server is its own Node process (tsx); autocannon runs in the parent. "ours / bare" is the median of',
      "the per-round ratios. Ours authenticates (a request header), reads the user's accounts, balances and jobs",
      'through its read cache (no query while nothing changed) and answers with 13 security headers set in the',
      "response's init; bare answers the same JSON with a content type only.",
    ],
  };
}

async function measureStore(
  label: string,
  sandbox: Awaited<ReturnType<typeof startSandbox>>,
  store: ServerChildOptions['store'],
  options: RouteThroughputOptions,
): Promise<string[][]> {
  const ours = await spawnServer(sandbox, { port: await freePort(), store });
  try {
    const client = routeClient(ours.url, USER);
    const accounts = await linkAccounts(client, sandbox, 10);
    const balancePath = `/accounts/${accounts[0]!.id}/balance`;
    const accountsBody = (await client.request('GET', '/accounts')).body;
    const balanceBody = (await client.request('GET', balancePath)).body;
    const bare = await spawnProcess(new URL('./bareHonoProcess.ts', import.meta.url), {
      BENCH_BARE: JSON.stringify({ port: await freePort(), accounts: accountsBody, balance: balanceBody }),
    });
    try {
      const routes = [
        { name: 'GET /accounts (10)', path: '/accounts' },
        { name: 'GET /accounts/:id/balance', path: balancePath },
      ];
      const results = routes.map(() => ({ ours: [] as LoadResult[], bare: [] as LoadResult[] }));
      const headers = { [BENCH_USER_HEADER]: USER };
      // Warm both servers up (JIT, connection pools, PGlite's caches) before anything counts.
      for (const route of routes) {
        for (const base of [ours.url, bare.url]) await loadTest(`${base}${route.path}`, headers, 1);
      }
      for (let round = 0; round < options.rounds; round += 1) {
        for (const [i, route] of routes.entries()) {
          const sides = round % 2 === 0 ? (['ours', 'bare'] as const) : (['bare', 'ours'] as const);
          for (const side of sides) {
            const base = side === 'ours' ? ours.url : bare.url;
            results[i]![side].push(await loadTest(`${base}${route.path}`, headers, options.seconds));
          }
        }
      }
      return routes.map((route, i) => row(label, route.name, results[i]!));
    } finally {
      await bare.kill('SIGTERM');
    }
  } finally {
    await ours.kill('SIGTERM');
  }
}

function row(store: string, route: string, result: { ours: LoadResult[]; bare: LoadResult[] }): string[] {
  const rps = (runs: LoadResult[]) => runs.map((run) => run.requestsPerSecond);
  const latency = (runs: LoadResult[]) =>
    `${summarize(runs.map((run) => run.p50Ms)).median} / ${summarize(runs.map((run) => run.p99Ms)).median}`;
  const failures = [...result.ours, ...result.bare].reduce((total, run) => total + run.failures, 0);
  return [
    store,
    route,
    formatSummary(summarize(rps(result.ours)), 0),
    formatSummary(summarize(rps(result.bare)), 0),
    formatSummary(summarize(pairedRatios(rps(result.ours), rps(result.bare))), 2),
    latency(result.ours),
    latency(result.bare),
    String(failures),
  ];
}
