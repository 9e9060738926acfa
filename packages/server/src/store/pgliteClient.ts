import { checkChannel, type SqlClient } from './SqlClient.ts';

/** What runs a statement in PGlite: the database, or the transaction it hands its callback. */
export interface PgliteQueryable {
  query<Row>(sql: string, params?: unknown[]): Promise<{ rows: Row[] }>;
}

/**
 * The part of a PGlite database that {@link pgliteClient} uses, so these types need no
 * `@electric-sql/pglite`: an instance of its `PGlite` fits.
 */
export interface PgliteDatabase extends PgliteQueryable {
  transaction<T>(fn: (tx: PgliteQueryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  listen?(channel: string, callback: (payload: string) => void): Promise<() => Promise<void>>;
}

/**
 * A {@link SqlClient} over a PGlite instance. PGlite runs one statement at a time, so a transaction holds the
 * database and other calls wait for it.
 *
 * @example
 * import { PGlite } from '@electric-sql/pglite';
 * const store = await createSqlStore(pgliteClient(await PGlite.create()));
 */
export function pgliteClient(db: PgliteDatabase): SqlClient {
  return {
    async query<Row>(sql: string, params: readonly unknown[] = []) {
      const result = await db.query<Row>(sql, [...params]);
      return result.rows;
    },
    transaction: (fn) => db.transaction((tx) => fn(transactionClient(tx))),
    close: () => db.close(),
    // In-process: nothing to lose, so `onLost` is never called.
    ...(db.listen === undefined
      ? {}
      : {
          listen: (channel: string, onNotify: (payload: string) => void) =>
            db.listen!(checkChannel(channel), onNotify),
        }),
  };
}

function transactionClient(tx: PgliteQueryable): SqlClient {
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
