import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BalanceResponse } from '@okra-balance/core';
import { startSandbox } from '@okra-balance/sandbox';
import { readEvents, type EventReader } from '../../../packages/server/src/testing/eventReader.ts';
import { freePort } from '../../../tooling/postgresCluster.ts';
import { BENCH_USER_HEADER } from '../harness/benchUser.ts';
import { linkAccounts, type BenchAccount } from '../harness/linkAccounts.ts';
import type { Table } from '../harness/printTable.ts';
import { routeClient } from '../harness/routeClient.ts';
import { spawnServer } from '../harness/spawnServer.ts';
import { formatSummary, summarize } from '../harness/summarize.ts';

/** Options of {@link streamScaleTable}. */
export interface StreamScaleOptions {
  /** Users, each with one linked account. */
  users: number;
  /** Open streams per user (tabs): users × this streams in all. */
  streamsPerUser: number;
  /** How long the idle CPU is measured, in ms. */
  idleMs: number;
}

const TICKS_PER_SECOND = 100;

/**
 * One route process holding many event streams: memory per stream, CPU while they idle (keep-alives only),
 * and the time from a job settling to the last of its streams receiving it, all users refreshing at once.
 *
 * @example
 * printTable(await streamScaleTable({ users: 10, streamsPerUser: 100, idleMs: 20_000 }));
 */
export async function streamScaleTable(options: StreamScaleOptions): Promise<Table> {
  const sandbox = await startSandbox({ latencyMs: 500 });
  const dataDir = mkdtempSync(join(tmpdir(), 'okra-bench-streams-'));
  const server = await spawnServer(sandbox, {
    port: await freePort(),
    store: { kind: 'pglite', dataDir },
    events: { maxStreamsPerUser: options.streamsPerUser },
  });
  const readers: EventReader[] = [];
  try {
    const users = Array.from({ length: options.users }, (_, i) => `streams-${i}`);
    const accounts: BenchAccount[] = [];
    for (const user of users)
      accounts.push((await linkAccounts(routeClient(server.url, user), sandbox, 1))[0]!);
    const idleBefore = await idleCpu(server.pid, options.idleMs);
    const before = await server.stats();
    for (const user of users) {
      for (let i = 0; i < options.streamsPerUser; i++) {
        readers.push(await readEvents(`${server.url}/events`, { [BENCH_USER_HEADER]: user }));
      }
    }
    await Promise.all(readers.map((reader) => reader.next((event) => event.event === 'ready', 60_000)));
    const after = await server.stats();
    const idleWith = await idleCpu(server.pid, options.idleMs);

    // Every user refreshes at once; each stream records when it saw its account's job settle.
    const jobs = await Promise.all(
      users.map(async (user, i) => {
        const reply = await routeClient(server.url, user).request<{ job: { id: string } }>(
          'POST',
          `/accounts/${accounts[i]!.id}/refresh`,
          {},
        );
        return reply.body.job.id;
      }),
    );
    const lags = await Promise.all(
      readers.map(async (reader, index) => {
        const jobId = jobs[Math.floor(index / options.streamsPerUser)];
        const settled = await reader.next((event) => {
          const data = event.data as BalanceResponse;
          return event.event === 'account' && data.job?.id === jobId && data.job?.settledAt !== null;
        }, 60_000);
        const seenAt = settled.receivedAt;
        return { seenAt, settledAt: Date.parse((settled.data as BalanceResponse).job?.settledAt ?? '') };
      }),
    );
    const perJob = new Map<number, number>();
    for (const { seenAt, settledAt } of lags)
      perJob.set(settledAt, Math.max(perJob.get(settledAt) ?? 0, seenAt));
    const lastLag = [...perJob].map(([settledAt, last]) => last - settledAt);
    const streams = readers.length;
    return {
      title: `One route process holding ${streams} event streams (${options.users} users × ${options.streamsPerUser}; PGlite)`,
      headers: ['figure', 'value'],
      rows: [
        ['streams open', String(streams)],
        [
          'heap per stream (after GC)',
          `${((after.heapUsed - before.heapUsed) / streams / 1024).toFixed(1)} KiB`,
        ],
        ['CPU at idle, no streams', `${idleBefore.toFixed(2)} %`],
        [`CPU at idle, ${streams} streams (keep-alive every 15 s)`, `${idleWith.toFixed(2)} %`],
        ['settle → last of its streams sees it (per job)', formatSummary(summarize(lastLag), 0, ' ms')],
      ],
      notes: [
        `The route runs in a child process (tsx); the ${streams} streams are read in the parent over loopback.`,
        'Memory: the child after a full GC, before and after opening the streams, divided by their number.',
        `CPU: the child's user + system time over ${options.idleMs / 1000} s of nothing happening, as a share of one core.`,
        "Lag: each job's settle time (server clock) to the moment the last stream of its user parsed the event.",
      ],
    };
  } finally {
    for (const reader of readers) reader.close();
    await server.kill('SIGTERM');
    await sandbox.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

// Share of one core the process used over `ms`, from /proc (Linux).
async function idleCpu(pid: number, ms: number): Promise<number> {
  const ticks = () => {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return Number(fields[11]) + Number(fields[12]);
  };
  const start = ticks();
  await new Promise((resolve) => setTimeout(resolve, ms));
  return ((ticks() - start) / TICKS_PER_SECOND / (ms / 1000)) * 100;
}
