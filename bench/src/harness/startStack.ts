import { startSandbox, type Sandbox, type SandboxOptions } from '@okra-balance/sandbox';
import {
  createBalanceRoute,
  serveNode,
  type BalanceRoute,
  type BalanceRouteOptions,
} from '@okra-balance/server';
import { BENCH_RATE_LIMIT, WEBHOOK_TOKEN } from './benchSettings.ts';
import { authenticateBenchUser } from './benchUser.ts';
import { routeClient, type RouteClient } from './routeClient.ts';

/** The route options a stack may set; the provider, keys and sign-in come from the stack. */
export type StackRouteOptions = Omit<
  BalanceRouteOptions,
  'provider' | 'secretKey' | 'publicKey' | 'clientToken' | 'env' | 'authenticate' | 'webhookToken'
>;

/** A sandbox and a balance route on real HTTP, wired together with webhooks. */
export interface Stack {
  sandbox: Sandbox;
  route: BalanceRoute;
  /** The route's base URL, e.g. `http://127.0.0.1:PORT`. */
  url: string;
  client(userId: string): RouteClient;
  close(): Promise<void>;
}

/**
 * Starts a sandbox and a balance route in this process, the route served by `serveNode` on 127.0.0.1 and the
 * sandbox posting its webhooks to it. The server listens first (with a stand-in handler) so the sandbox can
 * be given the webhook URL when it starts.
 *
 * @example
 * const stack = await startStack({ sandbox: { latencyMs: 20 }, route: { refresh: { debounceMs: 1000 } } });
 */
export async function startStack(
  options: { sandbox?: SandboxOptions; route?: StackRouteOptions } = {},
): Promise<Stack> {
  let handler: (request: Request) => Promise<Response> = () =>
    Promise.resolve(new Response(null, { status: 503 }));
  const server = await serveNode({ fetch: (request) => handler(request) }, { port: 0 });
  const sandbox = await startSandbox({
    ...options.sandbox,
    webhookUrl: `${server.url}/webhooks/sandbox`,
    webhookToken: WEBHOOK_TOKEN,
  });
  const route = await createBalanceRoute({
    rateLimit: BENCH_RATE_LIMIT,
    ...options.route,
    provider: sandbox.provider,
    secretKey: sandbox.credentials.secretKey,
    publicKey: sandbox.credentials.publicKey,
    clientToken: sandbox.credentials.clientToken,
    env: sandbox.credentials.env,
    webhookToken: WEBHOOK_TOKEN,
    authenticate: authenticateBenchUser,
  });
  handler = (request) => route.fetch(request);
  return {
    sandbox,
    route,
    url: server.url,
    client: (userId) => routeClient(server.url, userId),
    async close() {
      await sandbox.close();
      await route.close();
      await server.close();
    },
  };
}
