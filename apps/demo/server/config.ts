import {
  defineProvider,
  flick,
  okra,
  WIDGET_ENVS,
  type ProviderDescriptor,
  type WidgetEnv,
} from '@okra-balance/core';

/** A configuration mistake, named by its variable, with the fix. The server refuses to start on one. */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    problem: string,
    fix: string,
  ) {
    super(`${variable} ${problem}. ${fix}`);
    this.name = 'ConfigError';
  }
}

/** A real provider, configured from the environment. */
export interface ProviderConfig {
  provider: ProviderDescriptor;
  secretKey: string;
  publicKey: string;
  clientToken: string;
  appId?: string;
  env: WidgetEnv;
  webhookToken?: string;
}

export interface DemoConfig {
  host: string;
  port: number;
  /** Null: start the embedded sandbox provider. */
  provider: ProviderConfig | null;
  /** A PostgreSQL server; null for the embedded PGlite data folder. */
  databaseUrl: string | null;
  dataDir: string;
  /** The URL the provider can reach for webhooks, where the demo is public. */
  publicUrl: string | null;
  /** How many times faster than real time schedules run (`DEMO_TIME_SCALE`); 1 is real time. Sandbox only. */
  timeScale: number;
}

type Env = Record<string, string | undefined>;

const providerVariables = [
  'OKRA_API_BASE_URL',
  'OKRA_WIDGET_URL',
  'OKRA_SECRET_KEY',
  'OKRA_PUBLIC_KEY',
  'OKRA_CLIENT_TOKEN',
  'OKRA_APP_ID',
  'OKRA_ENV',
  'OKRA_WEBHOOK_TOKEN',
];

/**
 * Reads the demo's configuration from the environment (see .env.example). With no `OKRA_PROVIDER`, the
 * embedded sandbox is used; with one, every key it needs must be there.
 */
export function readConfig(env: Env, defaults: { dataDir: string }): DemoConfig {
  const provider = readProvider(env);
  return {
    host: env.HOST?.trim() || '127.0.0.1',
    port: readPort(env.PORT),
    provider,
    databaseUrl: readDatabaseUrl(env.DATABASE_URL),
    dataDir: env.DEMO_DATA_DIR?.trim() || defaults.dataDir,
    publicUrl: env.PUBLIC_URL?.trim() ? absoluteUrl('PUBLIC_URL', env.PUBLIC_URL.trim()) : null,
    timeScale: readTimeScale(env.DEMO_TIME_SCALE, provider !== null),
  };
}

/** The most DEMO_TIME_SCALE allows: an hour of 36 ms, still longer than a sandbox refresh takes. */
export const MAX_TIME_SCALE = 100_000;

function readTimeScale(value: string | undefined, realProvider: boolean): number {
  if (value === undefined || value.trim() === '') return 1;
  const scale = Number(value);
  if (!Number.isFinite(scale) || scale < 1 || scale > MAX_TIME_SCALE) {
    throw new ConfigError(
      'DEMO_TIME_SCALE',
      `is "${value}", not a number from 1 to ${MAX_TIME_SCALE}`,
      'Use e.g. DEMO_TIME_SCALE=10080 to watch a week of periodic refreshes in a minute, or unset it.',
    );
  }
  // Every scheduled refresh of a real provider is a billed bank session: fast time is for the sandbox.
  if (scale !== 1 && realProvider) {
    throw new ConfigError(
      'DEMO_TIME_SCALE',
      'is set with OKRA_PROVIDER',
      'Fast time makes a real provider bill a refresh every few seconds: unset DEMO_TIME_SCALE, or OKRA_PROVIDER for the sandbox.',
    );
  }
  return scale;
}

function readPort(value: string | undefined): number {
  if (value === undefined || value.trim() === '') return 3000;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError(
      'PORT',
      `is "${value}", not a port number`,
      'Set it to a number from 0 to 65535, e.g. PORT=3000.',
    );
  }
  return port;
}

function readProvider(env: Env): ProviderConfig | null {
  const name = env.OKRA_PROVIDER?.trim() ?? '';
  if (name === '' || name === 'sandbox') {
    const stray = providerVariables.find((variable) => (env[variable]?.trim() ?? '') !== '');
    if (stray !== undefined) {
      throw new ConfigError(
        stray,
        'is set but OKRA_PROVIDER is not',
        'Set OKRA_PROVIDER to okra, flick or custom, or unset it to use the embedded sandbox.',
      );
    }
    return null;
  }
  const config: ProviderConfig = {
    provider: providerNamed(name, env),
    secretKey: required(env, 'OKRA_SECRET_KEY', 'your secret key from the provider dashboard'),
    publicKey: required(env, 'OKRA_PUBLIC_KEY', 'your public key from the provider dashboard'),
    clientToken: required(env, 'OKRA_CLIENT_TOKEN', 'your client token from the provider dashboard'),
    env: readEnv(env.OKRA_ENV),
  };
  const appId = env.OKRA_APP_ID?.trim();
  const webhookToken = env.OKRA_WEBHOOK_TOKEN?.trim();
  if (appId) config.appId = appId;
  if (webhookToken) config.webhookToken = webhookToken;
  return config;
}

function providerNamed(name: string, env: Env): ProviderDescriptor {
  const widgetUrl = env.OKRA_WIDGET_URL?.trim();
  const apiUrl = env.OKRA_API_BASE_URL?.trim();
  if (name === 'custom') {
    return describe('OKRA_API_BASE_URL', () =>
      defineProvider({
        id: 'custom',
        name: 'Okra-compatible provider',
        apiBaseUrl: required(
          env,
          'OKRA_API_BASE_URL',
          'the provider API base URL, e.g. https://api.example.com/v2',
        ),
        widgetOrigin: required(
          env,
          'OKRA_WIDGET_URL',
          'the origin the widget is served from, e.g. https://app.example.com',
        ),
      }));
  }
  const base = name === 'okra' ? okra : name === 'flick' ? flick : null;
  if (base === null) {
    throw new ConfigError(
      'OKRA_PROVIDER',
      `is "${name}"`,
      'Use okra, flick or custom (with OKRA_API_BASE_URL and OKRA_WIDGET_URL), or unset it for the sandbox.',
    );
  }
  if (!widgetUrl && !apiUrl) return base;
  return describe(apiUrl ? 'OKRA_API_BASE_URL' : 'OKRA_WIDGET_URL', () =>
    defineProvider({
      ...base,
      apiBaseUrl: apiUrl || base.apiBaseUrl,
      widgetOrigin: widgetUrl || base.widgetOrigin,
    }),
  );
}

function describe(variable: string, build: () => ProviderDescriptor): ProviderDescriptor {
  try {
    return build();
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    throw new ConfigError(variable, 'is not usable', (error as Error).message);
  }
}

function readEnv(value: string | undefined): WidgetEnv {
  const trimmed = value?.trim() || 'production-sandbox';
  if ((WIDGET_ENVS as readonly string[]).includes(trimmed)) return trimmed as WidgetEnv;
  throw new ConfigError(
    'OKRA_ENV',
    `is "${value}"`,
    'Use production or production-sandbox: okra-js quietly treats anything else as sandbox.',
  );
}

function readDatabaseUrl(value: string | undefined): string | null {
  const trimmed = value?.trim() ?? '';
  if (trimmed === '') return null;
  if (!/^postgres(ql)?:\/\//.test(trimmed)) {
    throw new ConfigError(
      'DATABASE_URL',
      'is not a PostgreSQL URL',
      'Use postgres://user:password@host:5432/db, or unset it for the embedded database.',
    );
  }
  return trimmed;
}

function required(env: Env, variable: string, what: string): string {
  const value = env[variable]?.trim() ?? '';
  if (value === '') throw new ConfigError(variable, 'is missing', `Set it to ${what}.`);
  return value;
}

function absoluteUrl(variable: string, value: string): string {
  try {
    return new URL(value).href.replace(/\/+$/, '');
  } catch {
    throw new ConfigError(
      variable,
      `is "${value}", not an absolute URL`,
      'Use e.g. https://demo.example.com.',
    );
  }
}
