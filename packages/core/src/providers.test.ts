import { describe, expect, it } from 'vitest';
import { apiBaseUrlFor, defineProvider, flick, okra } from './providers.ts';

describe('provider descriptors', () => {
  it('describe Okra and Flick with their documented URLs', () => {
    expect(okra).toMatchObject({
      apiBaseUrl: 'https://api.okra.ng/v2',
      sandboxApiBaseUrl: 'https://api.okra.ng/v2/sandbox',
      widgetOrigin: 'https://app.okra.ng',
      amountUnit: 'major',
    });
    expect(flick.apiBaseUrl).toBe('https://api.flick.co/v2');
  });

  it('are exactly what defineProvider makes of the same facts, and frozen', () => {
    expect(okra).toEqual(defineProvider({ ...okra }));
    expect(flick).toEqual(defineProvider({ ...flick }));
    expect(Object.isFrozen(okra)).toBe(true);
  });

  it('picks the sandbox base URL for test keys only where one exists', () => {
    expect(apiBaseUrlFor(okra, 'production-sandbox')).toBe('https://api.okra.ng/v2/sandbox');
    expect(apiBaseUrlFor(okra, 'production')).toBe('https://api.okra.ng/v2');
    expect(apiBaseUrlFor(flick, 'production-sandbox')).toBe('https://api.flick.co/v2');
  });

  it('describes any compatible provider, trimming trailing slashes', () => {
    const local = defineProvider({
      id: 'sandbox',
      apiBaseUrl: 'http://127.0.0.1:4010/v2/',
      widgetOrigin: 'http://127.0.0.1:4011/',
      amountUnit: 'minor',
    });
    expect(local).toEqual({
      id: 'sandbox',
      name: 'sandbox',
      apiBaseUrl: 'http://127.0.0.1:4010/v2',
      widgetOrigin: 'http://127.0.0.1:4011',
      amountUnit: 'minor',
    });
  });

  it('refuses URLs that cannot be a provider, naming the field', () => {
    expect(() =>
      defineProvider({ id: 'x', apiBaseUrl: 'api.flick.co', widgetOrigin: 'https://a.b' }),
    ).toThrow(/apiBaseUrl/);
    expect(() => defineProvider({ id: 'x', apiBaseUrl: 'ftp://a.b', widgetOrigin: 'https://a.b' })).toThrow(
      /http or https/,
    );
    expect(() =>
      defineProvider({ id: 'x', apiBaseUrl: 'https://a.b?k=1', widgetOrigin: 'https://a.b' }),
    ).toThrow(/query/);
    expect(() =>
      defineProvider({ id: 'x', apiBaseUrl: 'https://a.b', widgetOrigin: 'https://a.b/widget' }),
    ).toThrow(/widgetOrigin/);
  });
});
