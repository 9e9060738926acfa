import type { TestProject } from 'vitest/node';
import { POSTGRES_INSTALL_HINT, startPostgresCluster } from '../postgresCluster.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A throwaway PostgreSQL server's admin URL, or null when none is installed (pg tests skip). */
    databaseUrl: string | null;
  }
}

/**
 * Vitest globalSetup for the `node` project: initdb's a throwaway PostgreSQL cluster in a temp folder, starts
 * it on a free loopback port, provides its URL as `databaseUrl`, and stops and deletes it at teardown.
 * Without PostgreSQL binaries it provides null (the pg-backed tests skip), except under CI=true, where it fails.
 */
export default async function postgresSetup(project: TestProject): Promise<(() => void) | undefined> {
  const cluster = await startPostgresCluster();
  if (cluster === null) {
    if (process.env.CI === 'true')
      throw new Error(`No PostgreSQL server binaries found. ${POSTGRES_INSTALL_HINT}`);
    console.warn(
      `[postgresSetup] no PostgreSQL found: pg-backed tests are skipped. ${POSTGRES_INSTALL_HINT}`,
    );
    project.provide('databaseUrl', null);
    return undefined;
  }
  project.provide('databaseUrl', cluster.url);
  return () => cluster.stop();
}
