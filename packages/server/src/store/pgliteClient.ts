import type { PGlite, Transaction } from '@electric-sql/pglite';
import type { SqlClient } from './SqlClient.ts';

/**
 * A {@link SqlClient} over a PGlite instance. PGlite runs one statement at a time, so a transaction holds the
 * database and other calls wait for it.
 */
export function pgliteClient(db: PGlite): SqlClient {
  return {
    async query<Row>(sql: string, params: readonly unknown[] = []) {
      const result = await db.query<Row>(sql, [...params]);
      return result.rows;
    },
    transaction: (fn) => db.transaction((tx) => fn(transactionClient(tx))),
    close: () => db.close(),
  };
}

function transactionClient(tx: Transaction): SqlClient {
  const client: SqlClient = {
    async query<Row>(sql: string, params: readonly unknown[] = []) {
      const result = await tx.query<Row>(sql, [...params]);
      return result.rows;
    },
    // Already inside one: run in it.
    transaction: (fn) => fn(client),
    close: async () => {},
  };
  return client;
}
