import { describe, expect, it } from 'vitest';
import { ConfigError, readConfig } from './config.ts';

const defaults = { dataDir: '/tmp/demo-data' };

function errorOf(env: Record<string, string>): ConfigError {
  try {
    readConfig(env, defaults);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('readConfig', () => {
  it('uses the embedded sandbox and database when nothing is configured', () => {
    expect(readConfig({}, defaults)).toEqual({
      host: '127.0.0.1',
      port: 3000,
      provider: null,
      databaseUrl: null,
      dataDir: '/tmp/demo-data',
      publicUrl: null,
      timeScale: 1,
    });
  });

  it('reads fast time from DEMO_TIME_SCALE, for the sandbox only', () => {
    expect(readConfig({ DEMO_TIME_SCALE: '10080' }, defaults).timeScale).toBe(10_080);
    expect(readConfig({ DEMO_TIME_SCALE: ' ' }, defaults).timeScale).toBe(1);
    for (const value of ['0.5', 'fast', '1e9']) {
      expect(errorOf({ DEMO_TIME_SCALE: value }).message).toMatch(/^DEMO_TIME_SCALE is ".+", not a number/);
    }
    const withProvider = errorOf({
      DEMO_TIME_SCALE: '60',
      OKRA_PROVIDER: 'flick',
      OKRA_SECRET_KEY: 'sk',
      OKRA_PUBLIC_KEY: 'pk',
      OKRA_CLIENT_TOKEN: 'ct',
    });
    expect(withProvider.variable).toBe('DEMO_TIME_SCALE');
    expect(withProvider.message).toMatch(/bill/);
  });

  it('reads a real provider with its keys', () => {
    const config = readConfig(
      {
        OKRA_PROVIDER: 'flick',
        OKRA_SECRET_KEY: 'sk',
        OKRA_PUBLIC_KEY: 'pk',
        OKRA_CLIENT_TOKEN: 'ct',
        OKRA_ENV: 'production',
      },
      defaults,
    );
    expect(config.provider).toMatchObject({
      secretKey: 'sk',
      publicKey: 'pk',
      clientToken: 'ct',
      env: 'production',
    });
    expect(config.provider?.provider.apiBaseUrl).toBe('https://api.flick.co/v2');
  });

  it('reads a custom provider from its URLs', () => {
    const config = readConfig(
      {
        OKRA_PROVIDER: 'custom',
        OKRA_API_BASE_URL: 'https://api.example.test/v2/',
        OKRA_WIDGET_URL: 'https://widget.example.test',
        OKRA_SECRET_KEY: 'sk',
        OKRA_PUBLIC_KEY: 'pk',
        OKRA_CLIENT_TOKEN: 'ct',
      },
      defaults,
    );
    expect(config.provider?.provider).toMatchObject({
      apiBaseUrl: 'https://api.example.test/v2',
      widgetOrigin: 'https://widget.example.test',
    });
    expect(config.provider?.env).toBe('production-sandbox');
  });

  it('names the missing variable and the fix', () => {
    const error = errorOf({ OKRA_PROVIDER: 'okra', OKRA_SECRET_KEY: 'sk', OKRA_PUBLIC_KEY: 'pk' });
    expect(error.variable).toBe('OKRA_CLIENT_TOKEN');
    expect(error.message).toMatch(/OKRA_CLIENT_TOKEN is missing\. Set it to/);
  });

  it('refuses an env okra-js would silently turn into sandbox', () => {
    const error = errorOf({
      OKRA_PROVIDER: 'okra',
      OKRA_SECRET_KEY: 's',
      OKRA_PUBLIC_KEY: 'p',
      OKRA_CLIENT_TOKEN: 'c',
      OKRA_ENV: 'live',
    });
    expect(error.variable).toBe('OKRA_ENV');
  });

  it('refuses provider keys without a provider, an unknown provider, a bad port and a bad database URL', () => {
    expect(errorOf({ OKRA_SECRET_KEY: 'sk' }).variable).toBe('OKRA_SECRET_KEY');
    expect(errorOf({ OKRA_PROVIDER: 'mono' }).variable).toBe('OKRA_PROVIDER');
    expect(errorOf({ PORT: 'eighty' }).variable).toBe('PORT');
    expect(errorOf({ DATABASE_URL: 'mysql://x' }).variable).toBe('DATABASE_URL');
    expect(
      errorOf({ OKRA_PROVIDER: 'custom', OKRA_SECRET_KEY: 's', OKRA_PUBLIC_KEY: 'p', OKRA_CLIENT_TOKEN: 'c' })
        .variable,
    ).toBe('OKRA_API_BASE_URL');
    expect(
      errorOf({
        OKRA_PROVIDER: 'flick',
        OKRA_WIDGET_URL: 'https://w.example/path',
        OKRA_SECRET_KEY: 's',
        OKRA_PUBLIC_KEY: 'p',
        OKRA_CLIENT_TOKEN: 'c',
      }).variable,
    ).toBe('OKRA_WIDGET_URL');
  });

  it('reads a database URL and a port', () => {
    const config = readConfig({ DATABASE_URL: 'postgres://u:p@127.0.0.1:5432/demo', PORT: '0' }, defaults);
    expect(config).toMatchObject({ databaseUrl: 'postgres://u:p@127.0.0.1:5432/demo', port: 0 });
  });
});
