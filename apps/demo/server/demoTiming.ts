import type { SandboxOptions } from '@okra-balance/sandbox';

/** How long things take in the demo, for a time scale (`DEMO_TIME_SCALE`). */
export interface DemoTiming {
  /** The length of an hour for schedules and the chart. */
  hourMs: number;
  /** The sandbox bank's answer time and duplicate window; empty in real time (the sandbox's defaults). */
  sandbox: Pick<SandboxOptions, 'latencyMs' | 'duplicateDelayMs'>;
  /** The route's refresh timing; empty in real time (the route's defaults). */
  refresh: {
    debounceMs?: number;
    pollIntervalMs?: number;
    maxPollIntervalMs?: number;
    lostAnswerWindowMs?: number;
  };
}

const HOUR_MS = 3_600_000;

/**
 * Real time at scale 1. Faster, every wait shrinks by the same factor (with floors a loopback round trip
 * can meet): the provider's 60 s duplicate window, the bank's answer, the route's polls. A week of refreshes
 * every 6 hours is then 28 refreshes a minute at scale 10 080, each settled well before the next.
 *
 * @example
 * demoTiming(10_080).hourMs; // 357 (a week in a minute)
 */
export function demoTiming(scale: number): DemoTiming {
  if (scale === 1) return { hourMs: HOUR_MS, sandbox: {}, refresh: {} };
  const shrink = (ms: number, floor: number) => Math.max(floor, Math.round(ms / scale));
  const window = shrink(60_000, 10);
  return {
    hourMs: shrink(HOUR_MS, 1),
    sandbox: { latencyMs: shrink(1_500, 20), duplicateDelayMs: window },
    refresh: {
      debounceMs: window,
      pollIntervalMs: shrink(2_000, 20),
      maxPollIntervalMs: shrink(30_000, 100),
      lostAnswerWindowMs: window,
    },
  };
}
