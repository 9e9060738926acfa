import type { SqlClient } from './SqlClient.ts';

/** One connection lent by a {@link PgPool}: what `pool.connect()` of `pg` resolves to. */
export interface PgPoolClient {
  query(sql: string, params?: unknown[]): Promise<{ rows: unknown[] }>;
  release(): void;
}

/**
 * The part of a `pg` pool that {@link pgClient} uses, so these types need neither `pg` nor `@types/pg`:
 * a `new Pool(...)` from `pg` fits, and so does anything with the same calls.
 */
export interface PgPool {
  query(sql: string, params?: unknown[]): Promise<{ rows: unknown[] }>;
  connect(): Promise<PgPoolClient>;
  end(): Promise<void>;
}

/**
 * A {@link SqlClient} over a `pg` pool: a real PostgreSQL server, shared by many processes.
 *
 * @example
 * import pg from 'pg';
 * const store = await createSqlStore(pgClient(new pg.Pool({ connectionString: process.env.DATABASE_URL })));
 */
export function pgClient(pool: PgPool): SqlClient {
  return {
    async query<Row>(sql: string, params: readonly unknown[] = []) {
      const result = await pool.query(sql, [...params]);
      return result.rows as Row[];
    },
    async transaction<T>(fn: (tx: SqlClient) => Promise<T>): Promise<T> {
      const connection = await pool.connect();
      try {
        await connection.query('BEGIN');
        const value = await fn(connectionClient(connection));
        await connection.query('COMMIT');
        return value;
      } catch (error) {
        await connection.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        connection.release();
      }
    },
    close: () => pool.end(),
  };
}

function connectionClient(connection: PgPoolClient): SqlClient {
  const client: SqlClient = {
    async query<Row>(sql: string, params: readonly unknown[] = []) {
      const result = await connection.query(sql, [...params]);
      return result.rows as Row[];
    },
    transaction: (fn) => fn(client),
    close: async () => {},
  };
  return client;
}
