import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import type { BalanceRoute } from './createBalanceRoute.ts';

/** Options of {@link serveNode}. */
export interface ServeNodeOptions {
  /** Default 3000; 0 picks a free port. */
  port?: number;
  /** Default `127.0.0.1`. Use `0.0.0.0` to listen on every interface. */
  hostname?: string;
}

/** A listening Node server. */
export interface NodeServer {
  /** e.g. `http://127.0.0.1:3000`. */
  url: string;
  port: number;
  /** Stops accepting connections and closes open ones. The route itself is closed with `route.close()`. */
  close(): Promise<void>;
}

/**
 * Serves a balance route (or any Fetch handler) with Node's HTTP server.
 *
 * @example
 * const route = await createBalanceRoute({ ... });
 * const server = await serveNode(route, { port: 3000 });
 * console.log(`balance route on ${server.url}`);
 */
export function serveNode(
  route: Pick<BalanceRoute, 'fetch'>,
  options: ServeNodeOptions = {},
): Promise<NodeServer> {
  const hostname = options.hostname ?? '127.0.0.1';
  return new Promise((resolve, reject) => {
    const server = serve(
      { fetch: (request) => route.fetch(request), port: options.port ?? 3000, hostname },
      (info: AddressInfo) => {
        const host = info.family === 'IPv6' ? `[${info.address}]` : info.address;
        resolve({
          url: `http://${host}:${info.port}`,
          port: info.port,
          close: () =>
            new Promise<void>((done) => {
              if ('closeAllConnections' in server) server.closeAllConnections();
              server.close(() => done());
            }),
        });
      },
    );
    server.once('error', reject);
  });
}
