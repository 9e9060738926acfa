import type { Pool, PoolClient } from 'pg';
import type { SqlClient } from './SqlClient.ts';

/** A {@link SqlClient} over a `pg` pool: a real PostgreSQL server, shared by many processes. */
export function pgClient(pool: Pool): SqlClient {
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

function connectionClient(connection: PoolClient): SqlClient {
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
