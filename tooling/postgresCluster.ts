import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A running throwaway PostgreSQL server. */
export interface PostgresCluster {
  /** The admin URL, e.g. `postgres://postgres@127.0.0.1:PORT/postgres`. */
  url: string;
  /** Stops the server and deletes its folder. */
  stop(): void;
}

export const POSTGRES_INSTALL_HINT =
  'Install PostgreSQL to run against a real server (Debian/Ubuntu: `apt-get install -y postgresql`).';

/**
 * initdb's a throwaway PostgreSQL cluster in a temp folder and starts it on a free loopback port, tuned for
 * tests (no fsync). Returns null when no PostgreSQL server binaries are installed. Shared by the Vitest
 * globalSetup and the benchmarks.
 *
 * @example
 * const cluster = await startPostgresCluster();
 * if (cluster) { useDatabase(cluster.url); cluster.stop(); }
 */
export async function startPostgresCluster(): Promise<PostgresCluster | null> {
  const bin = postgresBin();
  if (bin === null) return null;
  const dir = mkdtempSync(join(tmpdir(), 'okra-pg-'));
  const data = join(dir, 'data');
  // initdb refuses to run as root: run the server as the `postgres` OS user, which must own the folder.
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(dir, uid, gid);
  }
  const run = (tool: string, args: string[]): void => {
    const [command, all] = asRoot
      ? ['runuser', ['-u', 'postgres', '--', join(bin, tool), ...args]]
      : [join(bin, tool), args];
    execFileSync(command, all, { stdio: 'pipe' });
  };
  const port = await freePort();
  run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync']);
  const settings = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`;
  run('pg_ctl', ['-D', data, '-o', settings, '-l', join(dir, 'server.log'), '-w', 'start']);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop() {
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

function postgresBin(): string | null {
  const fromEnv = process.env.POSTGRES_BIN;
  if (fromEnv !== undefined && existsSync(join(fromEnv, 'pg_ctl'))) return fromEnv;
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root)
    .filter((version) => existsSync(join(root, version, 'bin', 'pg_ctl')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] === undefined ? null : join(root, versions[0], 'bin');
}

/**
 * A port free on 127.0.0.1 right now (the OS picks it).
 *
 * @example
 * const port = await freePort();
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address !== null
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}
