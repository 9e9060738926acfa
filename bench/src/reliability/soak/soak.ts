import { linkAccounts } from '../../harness/linkAccounts.ts';
import { seededRandom } from '../../harness/seededRandom.ts';
import type { ChildServer } from '../../harness/spawnProcess.ts';
import { startProcessStack } from '../../harness/startProcessStack.ts';
import type { ServerChildOptions } from '../../harness/spawnServer.ts';
import { childHealth, type ChildHealth } from '../childHealth.ts';
import { mixedTraffic, type TrafficCount } from './mixedTraffic.ts';

/** Live heap (after a full GC) and open handles of the route process at one moment. */
export interface SoakSample {
  atMs: number;
  heapUsed: number;
  handles: number;
}

/** Options of {@link soak}. */
export interface SoakOptions {
  seed: number;
  /** How long the measured traffic runs. */
  durationMs: number;
  /** Warm-up traffic before the baseline (JIT, caches, pools). */
  warmupMs: number;
  sampleEveryMs: number;
  store: ServerChildOptions['store'];
}

/** What a soak found. */
export interface SoakResult {
  traffic: TrafficCount;
  baseline: SoakSample;
  samples: SoakSample[];
  /** After the traffic stopped and idle connections closed. */
  final: SoakSample;
  /** Least-squares slope of the heap over the run, bytes per minute. */
  heapSlopePerMinute: number;
  health: ChildHealth;
}

/**
 * Reliability 5: a bounded run of mixed traffic against a route process, sampling its live heap and open
 * handles; the baseline is taken after a warm-up and an idle pause, the final figure after the same pause.
 *
 * @example
 * const result = await soak({ seed: 1, durationMs: 5_000, warmupMs: 2_000, sampleEveryMs: 1_000, store });
 */
export async function soak(options: SoakOptions): Promise<SoakResult> {
  const random = seededRandom(options.seed);
  const stack = await startProcessStack({
    store: options.store,
    sandbox: { latencyMs: 20, duplicateDelayMs: 0, seed: options.seed, webhookRetryDelayMs: 50 },
    route: { refresh: { debounceMs: 500, pollIntervalMs: 30, maxPollIntervalMs: 200 } },
  });
  try {
    const server = stack.servers[0]!;
    const client = stack.client(0, 'soak');
    const accounts = await linkAccounts(client, stack.sandbox, 5);
    await mixedTraffic(client, accounts, random, performance.now() + options.warmupMs, 4);
    const baseline = await settle(server, Number.POSITIVE_INFINITY);
    const started = performance.now();
    const samples: SoakSample[] = [];
    const sampler = setInterval(() => {
      void sample(server, performance.now() - started).then((value) => samples.push(value));
    }, options.sampleEveryMs);
    const traffic = await mixedTraffic(client, accounts, random, started + options.durationMs, 4);
    clearInterval(sampler);
    const final = await settle(server, baseline.handles);
    return {
      traffic,
      baseline,
      samples,
      final,
      heapSlopePerMinute: slope(samples.map((s) => [s.atMs / 60_000, s.heapUsed])),
      health: await childHealth(server, stack.sandbox),
    };
  } finally {
    await stack.close();
  }
}

async function sample(server: ChildServer, atMs: number): Promise<SoakSample> {
  const stats = await server.stats();
  return { atMs, heapUsed: stats.heapUsed, handles: stats.handles.length };
}

/**
 * Waits for idle connections and timers to wind down: until the handle count is at most `target`, or
 * (for the baseline) until it stops changing; at most 20 s. Returns the last sample.
 */
async function settle(server: ChildServer, target: number): Promise<SoakSample> {
  const deadline = performance.now() + 20_000;
  let last = await sample(server, 0);
  let steady = 0;
  while (performance.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    const next = await sample(server, 0);
    steady = next.handles === last.handles ? steady + 1 : 0;
    last = next;
    if (last.handles <= target || (target === Number.POSITIVE_INFINITY && steady >= 12)) break;
  }
  return last;
}

function slope(points: [number, number][]): number {
  if (points.length < 2) return 0;
  const meanX = points.reduce((total, [x]) => total + x, 0) / points.length;
  const meanY = points.reduce((total, [, y]) => total + y, 0) / points.length;
  let num = 0;
  let den = 0;
  for (const [x, y] of points) {
    num += (x - meanX) * (y - meanY);
    den += (x - meanX) ** 2;
  }
  return den === 0 ? 0 : num / den;
}
