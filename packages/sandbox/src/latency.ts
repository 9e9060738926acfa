import { createRandom } from './random.ts';

/**
 * A bank's answer time: fixed, or uniform between `min` and `max` (ms).
 *
 * @example
 * sandbox.setLatency({ min: 50, max: 200 });
 */
export type Latency = number | { min: number; max: number };

/**
 * The default: fast enough for a demo, slow enough to see the waiting state.
 *
 * @example
 * await startSandbox({ latencyMs: DEFAULT_LATENCY_MS });
 */
export const DEFAULT_LATENCY_MS = 1_500;

/**
 * Okra's docs wait about two minutes for a bank; `--latency realistic` uses this.
 *
 * @example
 * await startSandbox({ latencyMs: REALISTIC_LATENCY });
 */
export const REALISTIC_LATENCY: Latency = { min: 90_000, max: 150_000 };

/** Draws latencies from the seed, so a run's timings repeat. */
export class LatencySampler {
  private random;

  constructor(
    private latency: Latency,
    seed: number,
  ) {
    this.random = createRandom(seed ^ 0x1a7e);
    this.set(latency);
  }

  set(latency: Latency): void {
    checkLatency(latency);
    this.latency = latency;
  }

  get(): Latency {
    return this.latency;
  }

  /** Where the seeded draws are, so a saved state continues them after a restart. */
  state(): number {
    return this.random.state();
  }

  resume(state: number): void {
    this.random = createRandom(state);
  }

  /** The longest this latency can be. */
  max(): number {
    return typeof this.latency === 'number' ? this.latency : this.latency.max;
  }

  sample(): number {
    if (typeof this.latency === 'number') return this.latency;
    const { min, max } = this.latency;
    return Math.round(min + this.random.next() * (max - min));
  }
}

function checkLatency(latency: Latency): void {
  const ok = (value: number) => Number.isFinite(value) && value >= 0;
  const valid =
    typeof latency === 'number'
      ? ok(latency)
      : ok(latency.min) && ok(latency.max) && latency.min <= latency.max;
  if (!valid) {
    throw new RangeError(
      `latency must be a number of ms >= 0 or { min, max } with 0 <= min <= max, got ${JSON.stringify(latency)}`,
    );
  }
}
