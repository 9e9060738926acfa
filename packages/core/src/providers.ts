/** Whether a provider reports amounts in whole currency units (naira) or minor units (kobo). */
export type AmountUnit = 'major' | 'minor';

/**
 * Everything the code needs to know about an Okra-compatible provider. Okra closed in 2025 and Flick serves
 * the same contract, so a provider is data, not code.
 */
export interface ProviderDescriptor {
  /** A short, stable name: `okra`, `flick`, `sandbox`, or your own. */
  readonly id: string;
  /** A name for people. */
  readonly name: string;
  /** The REST base URL, with its version segment and no trailing slash, e.g. `https://api.flick.co/v2`. */
  readonly apiBaseUrl: string;
  /** The base URL for test keys, where the provider has a separate one. */
  readonly sandboxApiBaseUrl?: string;
  /** The origin the okra-js widget iframe is served from (okra-js's `Okra.baseUrl`). */
  readonly widgetOrigin: string;
  /** The unit balances arrive in. Undocumented by the providers, so it is a setting, never a guess. */
  readonly amountUnit: AmountUnit;
}

/** The options of {@link defineProvider}. */
export interface ProviderOptions {
  id: string;
  name?: string;
  apiBaseUrl: string;
  sandboxApiBaseUrl?: string;
  widgetOrigin: string;
  amountUnit?: AmountUnit;
}

/**
 * Describes any Okra-compatible provider, checking its URLs.
 *
 * @example
 * const local = defineProvider({ id: 'sandbox', apiBaseUrl: 'http://127.0.0.1:4010/v2', widgetOrigin: 'http://127.0.0.1:4011' });
 */
export function defineProvider(options: ProviderOptions): ProviderDescriptor {
  const descriptor: ProviderDescriptor = {
    id: options.id,
    name: options.name ?? options.id,
    apiBaseUrl: httpUrl(options.apiBaseUrl, 'apiBaseUrl').replace(/\/+$/, ''),
    widgetOrigin: originOnly(options.widgetOrigin),
    amountUnit: options.amountUnit ?? 'major',
  };
  if (options.sandboxApiBaseUrl === undefined) return descriptor;
  const sandboxApiBaseUrl = httpUrl(options.sandboxApiBaseUrl, 'sandboxApiBaseUrl').replace(/\/+$/, '');
  return { ...descriptor, sandboxApiBaseUrl };
}

/**
 * Okra. Ceased operations in May 2025; kept because Okra-compatible providers reuse its URLs and widget.
 * Written out rather than built with `defineProvider`, so a bundle that only reads it keeps no URL checks.
 */
export const okra: ProviderDescriptor = Object.freeze({
  id: 'okra',
  name: 'Okra',
  apiBaseUrl: 'https://api.okra.ng/v2',
  sandboxApiBaseUrl: 'https://api.okra.ng/v2/sandbox',
  widgetOrigin: 'https://app.okra.ng',
  amountUnit: 'major',
});

/**
 * Flick, which publishes Okra's balance contract. Whether Flick serves its own widget is not published, so
 * its widget origin is Okra's until you set another with `defineProvider({ ...flick, widgetOrigin })`.
 */
export const flick: ProviderDescriptor = Object.freeze({
  id: 'flick',
  name: 'Flick',
  apiBaseUrl: 'https://api.flick.co/v2',
  widgetOrigin: 'https://app.okra.ng',
  amountUnit: 'major',
});

/** The base URL to call for a given widget environment: the sandbox one for test keys, where it exists. */
export function apiBaseUrlFor(
  provider: ProviderDescriptor,
  env: 'production' | 'production-sandbox',
): string {
  return env === 'production-sandbox' && provider.sandboxApiBaseUrl !== undefined
    ? provider.sandboxApiBaseUrl
    : provider.apiBaseUrl;
}

function httpUrl(value: string, field: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new TypeError(
      `${field} must be an absolute http(s) URL such as https://api.flick.co/v2, got "${value}"`,
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new TypeError(`${field} must use http or https, got "${url.protocol}"`);
  }
  if (url.search !== '' || url.hash !== '') {
    throw new TypeError(`${field} must not carry a query or a fragment, got "${value}"`);
  }
  return url.href;
}

function originOnly(value: string): string {
  const url = new URL(httpUrl(value, 'widgetOrigin'));
  if (url.pathname !== '/') {
    throw new TypeError(
      `widgetOrigin must be an origin with no path, such as https://app.okra.ng, got "${value}"`,
    );
  }
  return url.origin;
}
