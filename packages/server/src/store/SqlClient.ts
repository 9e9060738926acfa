/**
 * The one seam between the store's SQL and a Postgres driver. PGlite and `pg` both speak Postgres, so the
 * same SQL text runs on both; each implementation only adapts the call shapes.
 */
export interface SqlClient {
  /** Runs one statement with `$1`-style parameters and returns its rows. */
  query<Row = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<Row[]>;
  /** Runs `fn` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: SqlClient) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  /**
   * Calls `onNotify` with the payload of each `NOTIFY` on `channel`, until the returned function is called;
   * calls `onLost` when the connection that listens breaks (notifications may have been missed: the caller
   * listens again and catches up). Optional: without it the route hears only its own process's changes, so it
   * keeps no read cache and its event streams carry only what this process did.
   */
  listen?(
    channel: string,
    onNotify: (payload: string) => void,
    onLost: (error: unknown) => void,
  ): Promise<() => Promise<void>>;
}

/** Throws unless `channel` is a plain identifier, safe to put in `LISTEN` unquoted. */
export function checkChannel(channel: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(channel)) throw new TypeError(`Not a channel name: ${channel}`);
  return channel;
}
