import { checkChannel, type SqlClient } from './SqlClient.ts';

/** One connection lent by a {@link PgPool}: what `pool.connect()` of `pg` resolves to. */
export interface PgPoolClient {
  query(sql: string, params?: unknown[]): Promise<{ rows: unknown[] }>;
  /** `true` (or an error) destroys the connection instead of returning it to the pool. */
  release(destroy?: boolean | Error): void;
  /** `pg`'s events: `notification` (`{ channel, payload }`) and `error`. Needed by `listen` only. */
  on?(event: 'notification' | 'error', listener: (value: never) => void): unknown;
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
    // One pooled connection is held for as long as the listener lives: size the pool with that in mind.
    async listen(channel, onNotify, onLost) {
      const connection = await pool.connect();
      if (connection.on === undefined) {
        connection.release();
        throw new TypeError('This pool lends connections without events: it cannot LISTEN');
      }
      let ended = false;
      const end = (destroy: boolean) => {
        if (ended) return;
        ended = true;
        connection.release(destroy);
      };
      connection.on('notification', (message: { channel: string; payload?: string }) => {
        if (message.channel === channel) onNotify(message.payload ?? '');
      });
      connection.on('error', (error: unknown) => {
        end(true);
        onLost(error);
      });
      try {
        await connection.query(`LISTEN ${checkChannel(channel)}`);
      } catch (error) {
        end(true);
        throw error;
      }
      return async () => {
        if (ended) return;
        await connection.query(`UNLISTEN ${channel}`).catch(() => undefined);
        end(false);
      };
    },
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
