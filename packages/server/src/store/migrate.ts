import { MIGRATIONS, type Migration } from './migrations.ts';
import type { SqlClient } from './SqlClient.ts';

// Any fixed number: every process that migrates takes the same transaction-scoped advisory lock.
const MIGRATION_LOCK = 4_242_017_301;

/**
 * Applies the migrations not applied yet, in order, in one transaction, under an advisory lock so two
 * processes starting at once do not race. Idempotent. Returns the versions it applied.
 *
 * @example
 * await migrate(pgliteClient(await PGlite.create())); // [1]
 */
export async function migrate(
  client: SqlClient,
  migrations: readonly Migration[] = MIGRATIONS,
): Promise<number[]> {
  return client.transaction(async (tx) => {
    await tx.query(`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK})`);
    await tx.query(
      `CREATE TABLE IF NOT EXISTS okra_schema_migrations (
        version integer PRIMARY KEY,
        name text NOT NULL,
        applied_at timestamptz NOT NULL
      )`,
    );
    const rows = await tx.query<{ version: number }>('SELECT version FROM okra_schema_migrations');
    const applied = new Set(rows.map((row) => Number(row.version)));
    const done: number[] = [];
    for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
      if (applied.has(migration.version)) continue;
      for (const statement of migration.statements) await tx.query(statement);
      await tx.query('INSERT INTO okra_schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [
        migration.version,
        migration.name,
        new Date(),
      ]);
      done.push(migration.version);
    }
    return done;
  });
}
