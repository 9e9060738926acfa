import { afterEach, describe, expect, inject, it } from 'vitest';
import { createDatabase, type Database } from '../../harness/createDatabase.ts';
import { scaleOut } from './scaleOut.ts';

const databaseUrl = inject('databaseUrl');

// The short form: one window of 100 concurrent refreshes over two processes on one PostgreSQL database.
describe.skipIf(databaseUrl === null)('scale-out on PostgreSQL (short form)', () => {
  let database: Database | undefined;
  afterEach(async () => database?.drop());

  it('makes exactly one upstream refresh for 100 concurrent requests spread over two processes', async () => {
    database = await createDatabase(databaseUrl!);
    const { windows, health } = await scaleOut({
      connectionString: database.url,
      clients: 100,
      windows: 1,
      seed: 3,
    });

    expect(windows).toEqual([
      { jobs: 1, rejected: 0, perProcess: [50, 50], upstreamRefreshes: 1, settledAs: 'succeeded' },
    ]);
    expect(health).toEqual([
      { alive: true, faults: [], foreignOrigins: [] },
      { alive: true, faults: [], foreignOrigins: [] },
    ]);
  }, 90_000);
});
