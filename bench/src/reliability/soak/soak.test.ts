import { afterAll, describe, expect, it } from 'vitest';
import { testStore, type TestStore } from '../testStore.ts';
import { soak } from './soak.ts';

// The short form: a few seconds of mixed traffic. The full run (minutes) is `pnpm bench:reliability`.
describe('soak (short form)', () => {
  let target: TestStore | undefined;
  afterAll(async () => target?.dispose());

  it('serves mixed traffic without a 5xx, and its open handles come back down after it', async () => {
    target = await testStore('soak');
    const result = await soak({
      seed: 9,
      durationMs: 4_000,
      warmupMs: 2_000,
      sampleEveryMs: 1_000,
      store: target.store,
    });

    const served = Object.entries(result.traffic.byStatus);
    expect(served.filter(([status]) => Number(status) >= 500)).toEqual([]);
    expect(result.traffic.requests).toBeGreaterThan(0);
    expect(result.final.handles).toBeLessThanOrEqual(result.baseline.handles);
    // How much traffic four seconds carry, and how the heap moves over it, depend on the machine: the full
    // run (pnpm bench:reliability) measures the heap's slope over minutes, where a leak shows.
    expect(result.health).toEqual({ alive: true, faults: [], foreignOrigins: [] });
  }, 90_000);
});
