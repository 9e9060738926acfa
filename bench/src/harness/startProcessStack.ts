import { startSandbox, type Sandbox, type SandboxOptions } from '@okra-balance/sandbox';
import { freePort } from '../../../tooling/postgresCluster.ts';
import { WEBHOOK_TOKEN } from './benchSettings.ts';
import { routeClient, type RouteClient } from './routeClient.ts';
import type { ChildServer } from './spawnProcess.ts';
import { spawnServer, type ServerChildOptions } from './spawnServer.ts';

/** A sandbox in this process and balance routes in child processes, all sharing one store. */
export interface ProcessStack {
  sandbox: Sandbox;
  /** The running children; `restart` replaces one in place. */
  servers: ChildServer[];
  client(server: number, userId: string): RouteClient;
  /** Starts child `index` again on its port, with the same store (after a kill). */
  restart(index: number): Promise<ChildServer>;
  /** Stops the children (SIGTERM) and the sandbox. */
  close(): Promise<void>;
}

/** Options of {@link startProcessStack}. */
export interface ProcessStackOptions {
  sandbox?: SandboxOptions;
  /** One store for every child: a PGlite folder allows one child, a PostgreSQL database any number. */
  store: ServerChildOptions['store'];
  /** How many route processes. Default 1. */
  servers?: number;
  route?: Omit<ServerChildOptions, 'port' | 'store'>;
}

/**
 * Starts the sandbox (its webhooks going to the first child's fixed port) and the route processes.
 *
 * @example
 * const stack = await startProcessStack({ store: { kind: 'postgres', connectionString }, servers: 2 });
 */
export async function startProcessStack(options: ProcessStackOptions): Promise<ProcessStack> {
  const count = options.servers ?? 1;
  const ports = await Promise.all(Array.from({ length: count }, () => freePort()));
  const sandbox = await startSandbox({
    ...options.sandbox,
    webhookUrl: `http://127.0.0.1:${ports[0]}/webhooks/sandbox`,
    webhookToken: WEBHOOK_TOKEN,
  });
  const spawn = (port: number) => spawnServer(sandbox, { ...options.route, port, store: options.store });
  const servers: ChildServer[] = [];
  try {
    // One at a time: the first one migrates the database.
    for (const port of ports) servers.push(await spawn(port));
  } catch (error) {
    await Promise.all(servers.map((server) => server.kill('SIGKILL')));
    await sandbox.close();
    throw error;
  }
  return {
    sandbox,
    servers,
    client: (index, userId) => routeClient(servers[index]!.url, userId),
    async restart(index) {
      await servers[index]!.kill('SIGKILL');
      servers[index] = await spawn(ports[index]!);
      return servers[index];
    },
    async close() {
      await Promise.all(servers.map((server) => server.kill('SIGTERM')));
      await sandbox.close();
    },
  };
}
