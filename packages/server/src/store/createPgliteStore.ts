import { mkdir } from 'node:fs/promises';
import { createSqlStore } from './createSqlStore.ts';
import { optionalPeer } from './optionalPeer.ts';
import { pgliteClient } from './pgliteClient.ts';
import type { BalanceStore } from './Store.ts';

/** Options of {@link createPgliteStore}. */
export interface PgliteStoreOptions {
  /** A folder to keep the database in (created, with its parents, if missing). Omit for an in-memory database. */
  dataDir?: string;
}

/**
 * A store on PGlite, Postgres compiled to WebAssembly and run in-process: no server to install. Memory for
 * tests, a folder for a demo. One process at a time may open a folder; for several, use PostgreSQL. Needs
 * the optional peer `@electric-sql/pglite` (`npm install @electric-sql/pglite`), loaded on the first call.
 *
 * @example
 * const store = await createPgliteStore({ dataDir: './.data/balance' });
 */
export async function createPgliteStore(options: PgliteStoreOptions = {}): Promise<BalanceStore> {
  const { PGlite } = await optionalPeer(
    '@electric-sql/pglite',
    'createPgliteStore',
    () =>
      // Left to Node at run time: a bundler that copies PGlite into a server chunk breaks its WASM file URL.
      import(/* webpackIgnore: true */ /* turbopackIgnore: true */ '@electric-sql/pglite'),
  );
  const { dataDir } = options;
  // PGlite makes the last folder only: `./.data/balance` in a fresh checkout would be ENOENT. A URL-style
  // dataDir (`memory://`, `idb://`) is PGlite's to read.
  if (dataDir !== undefined && !dataDir.includes('://')) await mkdir(dataDir, { recursive: true });
  const db = await PGlite.create(dataDir === undefined ? {} : { dataDir });
  try {
    return await createSqlStore(pgliteClient(db));
  } catch (error) {
    await db.close();
    throw error;
  }
}
