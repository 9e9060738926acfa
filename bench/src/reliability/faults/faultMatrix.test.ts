import { afterAll, describe, expect, it } from 'vitest';
import { isSettled } from '@okra-balance/core';
import { FAULT_KINDS } from '@okra-balance/sandbox';
import { testStore, type TestStore } from '../testStore.ts';
import { faultMatrix } from './faultMatrix.ts';

// The short form: every fault kind alone once, and four seeded mixes.
describe('fault matrix during refreshes (short form)', () => {
  let target: TestStore | undefined;
  afterAll(async () => target?.dispose());

  it('ends every job in a typed terminal state with the last balance intact, no unhandled rejection, no foreign call', async () => {
    target = await testStore('faults');
    const { outcomes, health } = await faultMatrix({
      seed: 11,
      everywhere: false,
      mixes: 4,
      store: target.store,
    });

    expect(outcomes).toHaveLength(FAULT_KINDS.length + 4);
    expect(outcomes.filter((outcome) => outcome.problems.length > 0)).toEqual([]);
    expect(outcomes.every((outcome) => outcome.job !== null && isSettled(outcome.job))).toBe(true);
    // The foreign callback URL was refused, not followed: the process only ever called the sandbox.
    expect(health).toEqual({ alive: true, faults: [], foreignOrigins: [] });
  }, 90_000);
});
