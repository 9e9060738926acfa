import { describe, expect, it } from 'vitest';
import { demoTiming } from './demoTiming.ts';

describe('demoTiming', () => {
  it('leaves every default alone in real time', () => {
    expect(demoTiming(1)).toEqual({ hourMs: 3_600_000, sandbox: {}, refresh: {} });
  });

  it('shrinks every wait by the scale, so a week of hours fits in a minute', () => {
    const timing = demoTiming(10_080);
    expect(timing.hourMs * 24 * 7).toBeLessThanOrEqual(60_000);
    expect(timing.hourMs * 24 * 7).toBeGreaterThan(59_000);
    // A refresh (the bank's answer, the first poll) settles long before the next one 6 hours later.
    const { latencyMs, duplicateDelayMs } = timing.sandbox;
    expect(typeof latencyMs === 'number' && latencyMs + (timing.refresh.pollIntervalMs ?? 0)).toBeLessThan(
      6 * timing.hourMs,
    );
    // Scheduled refreshes 6 hours apart are never joined as duplicates.
    expect(timing.refresh.debounceMs).toBeLessThan(6 * timing.hourMs);
    expect(duplicateDelayMs).toBeLessThan(6 * timing.hourMs);
  });

  it('keeps floors a loopback round trip can meet at the largest scale', () => {
    const timing = demoTiming(100_000);
    expect(timing.sandbox.latencyMs).toBe(20);
    expect(timing.refresh.pollIntervalMs).toBe(20);
    expect(timing.hourMs).toBe(36);
  });
});
