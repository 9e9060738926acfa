import { mkdir } from 'node:fs/promises';
import { createPostgresStore, createSqlStore, pgliteClient, type BalanceStore } from '@okra-balance/server';

/** The route's store, and the one lookup the demo's own controls need from it. */
export interface DemoStore {
  store: BalanceStore;
  /**
   * The provider's id of one of the user's accounts, or null when the user has no such account. The route
   * never tells the browser provider ids; the demo server needs one to expire that link in its sandbox.
   */
  providerAccountIdOf(userId: string, accountId: string): Promise<string | null>;
  close(): Promise<void>;
}

// The route's own table, read through a handle of the demo's: no server API exists for this on purpose.
const LOOKUP = 'SELECT provider_account_id FROM okra_accounts WHERE id = $1 AND user_id = $2';

/**
 * Opens the route's database (PGlite in `dataDir`, or PostgreSQL at `databaseUrl`) with a handle of the
 * demo's own beside the route's store: the same PGlite instance (one process may open a folder once), or a
 * one-connection pool on PostgreSQL.
 *
 * @example
 * const { store, providerAccountIdOf } = await openDemoStore({ dataDir: '.data/db', databaseUrl: null });
 */
export async function openDemoStore(options: {
  dataDir: string;
  databaseUrl: string | null;
}): Promise<DemoStore> {
  if (options.databaseUrl === null) {
    const { PGlite } = await import('@electric-sql/pglite');
    await mkdir(options.dataDir, { recursive: true });
    const db = await PGlite.create({ dataDir: options.dataDir });
    const store = await createSqlStore(pgliteClient(db)).catch(async (error: unknown) => {
      await db.close();
      throw error;
    });
    return {
      store,
      providerAccountIdOf: async (userId, accountId) => {
        const { rows } = await db.query<{ provider_account_id: string }>(LOOKUP, [accountId, userId]);
        return rows[0]?.provider_account_id ?? null;
      },
      // Closing the store closes the PGlite instance under it.
      close: () => store.close(),
    };
  }
  const { default: pg } = await import('pg');
  const store = await createPostgresStore({ connectionString: options.databaseUrl });
  const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 1 });
  pool.on('error', () => undefined);
  return {
    store,
    providerAccountIdOf: async (userId, accountId) => {
      const { rows } = await pool.query<{ provider_account_id: string }>(LOOKUP, [accountId, userId]);
      return rows[0]?.provider_account_id ?? null;
    },
    close: async () => {
      await pool.end();
      await store.close();
    },
  };
}
