import { createServer, type Server } from 'node:http';
import type { TestProject } from 'vitest/node';
import {
  startSandbox,
  type Sandbox,
  type SandboxCredentials,
  type SandboxLogin,
} from '../../packages/sandbox/src/index.ts';

/** A sandbox widget on a short port, and a forger on a look-alike origin that okra-js's prefix check accepts. */
export interface ProvidedLookalike {
  /** `http://127.0.0.1:P`, P ≤ 6553, so that port P·10+d exists. */
  widgetOrigin: string;
  /** A page on `http://127.0.0.1:P·10+d` that posts a forged `success`, then a forged `close`, to its parent. */
  forgerUrl: string;
  credentials: SandboxCredentials;
  login: SandboxLogin;
}

declare module 'vitest' {
  export interface ProvidedContext {
    lookalike: ProvidedLookalike;
  }
}

const FORGED_SUCCESS = {
  success: true,
  auth: { customer_id: 'forged-customer', bank_details: { _id: 'forged-bank', name: 'Forged Bank' } },
  accounts: [{ id: 'forged-account', name: 'Mallory', nuban: '9999999999', currency: 'NGN' }],
  record: 'forged-record',
};

const FORGER_PAGE = `<!doctype html><html lang="en"><head><title>Forger</title></head><body><script>
parent.postMessage(${JSON.stringify(FORGED_SUCCESS)}, '*');
parent.postMessage({ close: true }, '*');
</script></body></html>`;

/**
 * Vitest globalSetup for the browser project: the look-alike-origin pair for the React package's
 * forged-message test. A second sandbox because the shared one listens on any free port, usually five digits,
 * and a look-alike port needs one more digit.
 */
export default async function forgerSetup(project: TestProject): Promise<() => Promise<void>> {
  for (let widgetPort = 4_801; widgetPort <= 6_553; widgetPort += 97) {
    const forgerPort = widgetPort * 10 + 7;
    const forger = await listen(forgerPort);
    if (forger === null) continue;
    let sandbox: Sandbox;
    try {
      sandbox = await startSandbox({ widgetPort, latencyMs: 50, duplicateDelayMs: 0, seed: 2 });
    } catch (error) {
      await close(forger);
      if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') continue;
      throw error;
    }
    project.provide('lookalike', {
      widgetOrigin: sandbox.widgetOrigin,
      forgerUrl: `http://127.0.0.1:${forgerPort}/`,
      credentials: sandbox.credentials,
      login: sandbox.login,
    });
    return async () => {
      await Promise.all([sandbox.close(), close(forger)]);
    };
  }
  throw new Error('forgerSetup: no free pair of ports P (4801-6553) and P·10+7 on 127.0.0.1');
}

function listen(port: number): Promise<Server | null> {
  const server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(FORGER_PAGE);
  });
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      error.code === 'EADDRINUSE' ? resolve(null) : reject(error),
    );
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
