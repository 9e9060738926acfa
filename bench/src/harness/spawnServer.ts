import type { Sandbox } from '@okra-balance/sandbox';
import { WEBHOOK_TOKEN } from './benchSettings.ts';
import type { ServerProcessConfig } from './serverProcess.ts';
import { spawnProcess, type ChildServer } from './spawnProcess.ts';

/** What a child route needs besides the sandbox: its port, its database, its refresh settings. */
export type ServerChildOptions = Pick<ServerProcessConfig, 'port' | 'store'> &
  Partial<Pick<ServerProcessConfig, 'refresh' | 'providerTimeoutMs' | 'events'>>;

/**
 * Starts a balance route in a child process against a sandbox running in this one. Give it a fixed `port`
 * (from `freePort()`), so a restarted child answers where the sandbox sends its webhooks.
 *
 * @example
 * const server = await spawnServer(sandbox, { port, store: { kind: 'postgres', connectionString } });
 */
export function spawnServer(sandbox: Sandbox, options: ServerChildOptions): Promise<ChildServer> {
  const config: ServerProcessConfig = {
    ...options,
    apiBaseUrl: sandbox.apiBaseUrl,
    widgetOrigin: sandbox.widgetOrigin,
    secretKey: sandbox.credentials.secretKey,
    publicKey: sandbox.credentials.publicKey,
    clientToken: sandbox.credentials.clientToken,
    webhookToken: WEBHOOK_TOKEN,
  };
  return spawnProcess(new URL('./serverProcess.ts', import.meta.url), {
    BENCH_SERVER: JSON.stringify(config),
  });
}
