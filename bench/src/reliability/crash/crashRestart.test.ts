import { afterAll, describe, expect, it } from 'vitest';
import { testStore, type TestStore } from '../testStore.ts';
import { crashRestart } from './crashRestart.ts';

// The short form: one SIGKILL while the job waits for the bank, one in the billed call after the bank started.
// The full form (pnpm bench:reliability) also kills in an unsent call, in a read and at random moments, on
// PGlite and PostgreSQL.
describe('crash and restart mid-job (short form)', () => {
  let target: TestStore | undefined;
  afterAll(async () => target?.dispose());

  it('completes the job after a SIGKILL between steps or mid-call, with one bank session and nothing lost', async () => {
    target = await testStore('crash');
    const { outcomes, health } = await crashRestart({
      seed: 5,
      kills: ['waiting', 'requesting'],
      store: target.store,
    });

    expect(outcomes.map((outcome) => [outcome.moment, outcome.killedIn, outcome.job.state])).toEqual([
      ['waiting', 'waiting', 'succeeded'],
      ['requesting', 'requesting', 'succeeded'],
    ]);
    for (const outcome of outcomes) {
      expect(outcome).toMatchObject({ signal: 'SIGKILL', refreshes: 1, sessions: 1, problems: [] });
    }
    expect(health).toEqual({ alive: true, faults: [], foreignOrigins: [] });
  }, 120_000);
});
