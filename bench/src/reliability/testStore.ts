import { inject } from 'vitest';
import { createDatabase } from '../harness/createDatabase.ts';
import type { ServerChildOptions } from '../harness/spawnServer.ts';
import { tempDir } from '../harness/tempDir.ts';

/** A store for route processes, and its removal. */
export interface TestStore {
  store: ServerChildOptions['store'];
  dispose(): Promise<void>;
}

/**
 * The store for a short-form test's route processes: a fresh database on the run's PostgreSQL server (a
 * process starts in about a second), or a PGlite folder where no server is installed (slower to start).
 *
 * @example
 * const target = await testStore('fuzz'); // ... { store: target.store } ... await target.dispose();
 */
export async function testStore(label: string): Promise<TestStore> {
  const databaseUrl = inject('databaseUrl');
  if (databaseUrl !== null) {
    const database = await createDatabase(databaseUrl);
    return { store: { kind: 'postgres', connectionString: database.url }, dispose: () => database.drop() };
  }
  const dir = tempDir(label);
  return { store: { kind: 'pglite', dataDir: dir.path }, dispose: () => Promise.resolve(dir.remove()) };
}
