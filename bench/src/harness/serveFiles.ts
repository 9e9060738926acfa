import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A running static server. */
export interface FileServer {
  origin: string;
  close(): Promise<void>;
}

/**
 * Serves files held in memory on 127.0.0.1, uncached, so every fresh browser context downloads them again.
 *
 * @example
 * const server = await serveFiles(new Map([['/', { type: 'text/html', body }]]));
 */
export async function serveFiles(
  files: Map<string, { type: string; body: Uint8Array }>,
): Promise<FileServer> {
  const server = createServer((request, response) => {
    const file = files.get(new URL(request.url ?? '/', 'http://127.0.0.1').pathname);
    if (file === undefined) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': file.type, 'cache-control': 'no-store' }).end(file.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
