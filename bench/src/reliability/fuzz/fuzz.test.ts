import { afterAll, describe, expect, it } from 'vitest';
import { testStore, type TestStore } from '../testStore.ts';
import { fuzzScenario } from './fuzzScenario.ts';

// The short form of `pnpm bench:reliability`'s fuzz: a fixed seed, 600 requests instead of 10,000.
describe('fuzz of every route (short form)', () => {
  let target: TestStore | undefined;
  afterAll(async () => target?.dispose());

  it('answers every generated bad request without a 5xx, with error bodies in shape, and never crashes', async () => {
    target = await testStore('fuzz');
    const { report, attacks, health } = await fuzzScenario({
      seed: 20261121,
      count: 600,
      store: target.store,
      attacks: { flows: 2, identities: 20 },
    });

    expect(report.failures).toEqual([]);
    expect(report.sent).toBe(600);
    // The generator reached past routing: sign-in, cross-site, body, not-found and method checks all answered.
    expect(Object.keys(report.byStatus).map(Number)).toEqual(expect.arrayContaining([401, 403, 404, 405]));
    const [hostile, flood] = attacks;
    // A hostile provider: typed answers, never a 500; the refreshes fail at once, with a reason.
    expect(hostile?.internalErrors).toBe(0);
    expect(hostile?.jobs).toEqual({ 'failed: provider_error': 2 });
    // Twenty fresh identities, four confirmations each: at most three upstream calls per identity's token, none
    // for a token the route never issued.
    expect(flood?.internalErrors).toBe(0);
    expect(flood?.upstreamCalls).toBeLessThanOrEqual(60);
    expect(health).toEqual({ alive: true, faults: [], foreignOrigins: [] });
  }, 120_000);
});
