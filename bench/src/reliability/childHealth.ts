import type { Sandbox } from '@okra-balance/sandbox';
import type { ChildServer } from '../harness/spawnProcess.ts';

/** How a route process came through a reliability run. */
export interface ChildHealth {
  /** It still answers (over IPC and on /health). */
  alive: boolean;
  /** Unhandled rejections and uncaught exceptions it reported. */
  faults: string[];
  /** Origins it sent requests to other than the sandbox's API. */
  foreignOrigins: string[];
}

/**
 * Checks a route process after a run: alive, no unhandled rejection, and every outgoing request sent to the
 * sandbox's API origin and nowhere else.
 *
 * @example
 * expect(await childHealth(stack.servers[0], stack.sandbox)).toEqual({ alive: true, faults: [], foreignOrigins: [] });
 */
export async function childHealth(
  server: ChildServer,
  sandbox: Pick<Sandbox, 'apiBaseUrl'>,
): Promise<ChildHealth> {
  const allowed = new URL(sandbox.apiBaseUrl).origin;
  const health = await fetch(`${server.url}/health`).then(
    (response) => response.status === 200,
    () => false,
  );
  const stats = await Promise.race([
    server.stats(),
    new Promise<null>((resolve) => setTimeout(() => resolve(null), 5_000)),
  ]);
  return {
    alive: health && stats !== null,
    faults: [...server.faults],
    foreignOrigins: (stats?.origins ?? []).filter((origin) => origin !== allowed),
  };
}
