import { createSqlStore } from './createSqlStore.ts';
import { optionalPeer } from './optionalPeer.ts';
import { pgClient } from './pgClient.ts';
import type { BalanceStore } from './Store.ts';

/** Options of {@link createPostgresStore}. */
export interface PostgresStoreOptions {
  /** e.g. `process.env.DATABASE_URL`: `postgres://user:password@host:5432/db`. */
  connectionString: string;
  /** Pool size. Default 10. */
  max?: number;
}

/**
 * A store on a PostgreSQL server through `pg`. Several server processes may share one database: jobs are
 * leased, and refresh requests are deduplicated by the database. Needs the optional peer `pg`
 * (`npm install pg`), loaded on the first call.
 *
 * @example
 * const store = await createPostgresStore({ connectionString: process.env.DATABASE_URL! });
 */
export async function createPostgresStore(options: PostgresStoreOptions): Promise<BalanceStore> {
  const { default: pg } = await optionalPeer(
    'pg',
    'createPostgresStore',
    () =>
      // Left to Node at run time, like PGlite: `pg` has optional native parts bundlers trip over.
      import(/* webpackIgnore: true */ /* turbopackIgnore: true */ 'pg'),
  );
  const pool = new pg.Pool({ connectionString: options.connectionString, max: options.max ?? 10 });
  // An idle client that errors (the server restarted) must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);
  try {
    return await createSqlStore(pgClient(pool));
  } catch (error) {
    await pool.end();
    throw error;
  }
}
