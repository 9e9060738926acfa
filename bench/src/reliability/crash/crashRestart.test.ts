import { afterAll, describe, expect, it } from 'vitest';
import { testStore, type TestStore } from '../testStore.ts';
import { crashRestart } from './crashRestart.ts';

// The short form: one SIGKILL while the job waits for the bank. The full form also kills mid-step and at random
// moments, on PGlite and PostgreSQL.
describe('crash and restart mid-job (short form)', () => {
  let target: TestStore | undefined;
  afterAll(async () => target?.dispose());

  it('completes the job after a SIGKILL and a restart, with one bank session and nothing lost', async () => {
    target = await testStore('crash');
    const { outcomes, health } = await crashRestart({
      seed: 5,
      kills: ['waiting'],
      store: target.store,
    });

    expect(outcomes).toHaveLength(1);
    const [outcome] = outcomes;
    expect(outcome).toMatchObject({ killedIn: 'waiting', signal: 'SIGKILL', refreshes: 1, problems: [] });
    expect(['succeeded', 'failed']).toContain(outcome?.job.state);
    expect(health).toEqual({ alive: true, faults: [], foreignOrigins: [] });
  }, 90_000);
});
