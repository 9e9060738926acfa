import pg from 'pg';

/** A fresh database on a PostgreSQL server. */
export interface Database {
  url: string;
  /** Drops it, closing any connection still open. */
  drop(): Promise<void>;
}

/**
 * Creates an empty database with a random name on the server `adminUrl` points at.
 *
 * @example
 * const db = await createDatabase('postgres://postgres@127.0.0.1:5432/postgres');
 * await db.drop();
 */
export async function createDatabase(adminUrl: string): Promise<Database> {
  const name = `bench_${crypto.randomUUID().replaceAll('-', '').slice(0, 16)}`;
  await withAdmin(adminUrl, `CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { url: url.href, drop: () => withAdmin(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

async function withAdmin(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
