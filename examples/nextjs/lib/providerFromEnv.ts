import 'server-only';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { flick, WIDGET_ENVS, type WidgetEnv } from '@okra-balance/core';
import type { SandboxLogin } from '@okra-balance/sandbox';
import type { BalanceRouteOptions } from '@okra-balance/server';
import { BALANCE_PATH } from './balancePath';

type ProviderOptions = Pick<
  BalanceRouteOptions,
  'provider' | 'secretKey' | 'publicKey' | 'clientToken' | 'env' | 'webhookToken' | 'publicUrl'
>;

export interface ProviderSetup {
  options: ProviderOptions;
  /** The widget login, when the embedded sandbox is the provider. */
  sandboxLogin: SandboxLogin | null;
}

type Env = Record<string, string | undefined>;

/**
 * The provider from the environment: Flick with `BALANCE_PROVIDER=flick` and its keys, otherwise the
 * offline sandbox, started in this process on stable ports (`SANDBOX_PORT`, `SANDBOX_WIDGET_PORT`) with its
 * state in the data folder, so a restart keeps every link.
 */
export async function providerFromEnv(env: Env, dataDir: string): Promise<ProviderSetup> {
  const name = env.BALANCE_PROVIDER?.trim() || 'sandbox';
  if (name === 'flick') return flickFromEnv(env);
  if (name !== 'sandbox') {
    throw new Error(`BALANCE_PROVIDER is "${name}": use flick, or leave it unset for the sandbox.`);
  }
  // Imported only in sandbox mode: a production server never loads it.
  const { startSandbox } = await import('@okra-balance/sandbox');
  // Next.js sets PORT to the port it listens on (3000 unless -p or PORT says otherwise).
  const appUrl = publicUrlOf(env) ?? `http://127.0.0.1:${env.PORT || 3000}${BALANCE_PATH}`;
  const webhookToken = randomBytes(18).toString('base64url');
  const sandbox = await startSandbox({
    port: portOf(env, 'SANDBOX_PORT', 4010),
    widgetPort: portOf(env, 'SANDBOX_WIDGET_PORT', 4011),
    seed: 1,
    stateFile: join(dataDir, 'sandbox.json'),
    webhookUrl: `${appUrl}/webhooks/sandbox`,
    webhookToken,
  });
  return {
    options: { provider: sandbox.provider, ...sandbox.credentials, webhookToken },
    sandboxLogin: sandbox.login,
  };
}

function flickFromEnv(env: Env): ProviderSetup {
  const options: ProviderOptions = {
    provider: flick,
    env: widgetEnvOf(env.FLICK_ENV),
    secretKey: required(env, 'FLICK_SECRET_KEY'),
    publicKey: required(env, 'FLICK_PUBLIC_KEY'),
    clientToken: required(env, 'FLICK_CLIENT_TOKEN'),
  };
  const publicUrl = publicUrlOf(env);
  const webhookToken = env.FLICK_WEBHOOK_TOKEN?.trim();
  if (publicUrl) options.publicUrl = publicUrl;
  if (webhookToken) options.webhookToken = webhookToken;
  return { options, sandboxLogin: null };
}

/** `PUBLIC_URL` (e.g. https://example.com), as the route's public URL: https://example.com/api/balance. */
function publicUrlOf(env: Env): string | null {
  const value = env.PUBLIC_URL?.trim().replace(/\/+$/, '');
  return value ? `${value}${BALANCE_PATH}` : null;
}

function required(env: Env, variable: string): string {
  const value = env[variable]?.trim();
  if (!value) throw new Error(`${variable} is missing: set it to the value from your Flick dashboard.`);
  return value;
}

function widgetEnvOf(value: string | undefined): WidgetEnv {
  const env = value?.trim() || 'production';
  if ((WIDGET_ENVS as readonly string[]).includes(env)) return env as WidgetEnv;
  throw new Error(`FLICK_ENV is "${value}": use production or production-sandbox.`);
}

function portOf(env: Env, variable: string, fallback: number): number {
  const value = env[variable]?.trim();
  if (!value) return fallback;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`${variable} is "${value}", not a port number: use e.g. ${fallback}.`);
  }
  return port;
}
