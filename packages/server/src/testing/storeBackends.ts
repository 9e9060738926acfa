import { cpSync, existsSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import { createPgliteStore } from '../store/createPgliteStore.ts';
import { createPostgresStore } from '../store/createPostgresStore.ts';
import { MIGRATIONS } from '../store/migrations.ts';
import type { BalanceStore } from '../store/Store.ts';

/** A place a store lives that can be opened again: a PGlite folder or a PostgreSQL database. */
export interface StoreLocation {
  open(): Promise<BalanceStore>;
  /** Removes it (the folder, or the database). */
  dispose(): Promise<void>;
}

/** One database backend the parameterised suites run against. */
export interface StoreBackend {
  name: 'pglite' | 'postgres';
  /** True when several stores (processes) may open one location at once; a PGlite folder allows one. */
  shared: boolean;
  /** Null when the backend cannot run here (no PostgreSQL installed), with the reason. */
  skipReason: string | null;
  /** A fresh, empty location. */
  location(): Promise<StoreLocation>;
}

const databaseUrl = inject('databaseUrl');

/**
 * PGlite (a temp folder, so a test can close and reopen it) and, when the globalSetup started one, a fresh
 * database on the throwaway PostgreSQL server. Use with `describe.each(storeBackends)`.
 */
export const storeBackends: StoreBackend[] = [
  {
    name: 'pglite',
    shared: false,
    skipReason: null,
    async location() {
      const dir = mkdtempSync(join(tmpdir(), 'okra-pglite-'));
      cpSync(await pgliteTemplate(), dir, { recursive: true });
      return {
        open: () => createPgliteStore({ dataDir: dir }),
        dispose: () => Promise.resolve(rmSync(dir, { recursive: true, force: true })),
      };
    },
  },
  {
    name: 'postgres',
    shared: true,
    skipReason:
      databaseUrl === null ? 'no PostgreSQL server (install it: apt-get install -y postgresql)' : null,
    async location() {
      const admin = adminUrl();
      const name = `okra_${crypto.randomUUID().replaceAll('-', '').slice(0, 16)}`;
      await withAdmin(admin, (client) => client.query(`CREATE DATABASE ${name}`));
      const url = new URL(admin);
      url.pathname = `/${name}`;
      return {
        open: () => createPostgresStore({ connectionString: url.href }),
        dispose: () =>
          withAdmin(admin, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)),
      };
    },
  },
];

function adminUrl(): string {
  if (databaseUrl === null) throw new Error('No PostgreSQL server for this run');
  return databaseUrl;
}

async function withAdmin(url: string, fn: (client: pg.Client) => Promise<unknown>): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * A PGlite folder with the migrations applied, made once and copied for each location: opening a copy takes
 * about half a second, where creating a database takes three or more on these machines. Keyed by the PGlite
 * version and the migrations, so a change to either makes a new one.
 */
async function pgliteTemplate(): Promise<string> {
  const manifest = new URL('../../node_modules/@electric-sql/pglite/package.json', import.meta.url);
  const { version } = JSON.parse(readFileSync(manifest, 'utf8')) as { version: string };
  const key = [...`${version}:${JSON.stringify(MIGRATIONS)}`].reduce(
    (hash, char) => (hash * 31 + char.charCodeAt(0)) >>> 0,
    7,
  );
  const template = join(tmpdir(), `okra-pglite-template-${key.toString(16)}`);
  if (existsSync(join(template, 'PG_VERSION'))) return template;
  const building = mkdtempSync(join(tmpdir(), 'okra-pglite-building-'));
  await (await createPgliteStore({ dataDir: building })).close();
  try {
    renameSync(building, template);
  } catch {
    // Another test worker finished its template first: use that one.
    rmSync(building, { recursive: true, force: true });
  }
  return template;
}
