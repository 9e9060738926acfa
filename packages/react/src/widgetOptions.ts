import { originOf } from '@okra-balance/core';
import { ConnectBalanceError } from './ConnectBalanceError.ts';
import type { UseConnectBalanceOptions } from './UseConnectBalanceOptions.ts';

// Each `process.env.NODE_ENV` check is written out where it is used: the app's bundler replaces it, then drops
// the development sentence from production bundles.

/**
 * What is wrong with standalone options, or null: in development a sentence naming the option and the fix, in
 * production the option's name. Cheap enough for every render, so a mistake shows before anyone clicks; the
 * widget code (loaded later) trusts what passed.
 */
export function optionProblem(input: UseConnectBalanceOptions): string | null {
  for (const name of ['publicKey', 'token'] as const) {
    const value: unknown = input[name];
    if (typeof value !== 'string' || value === '') {
      return process.env.NODE_ENV !== 'production'
        ? `"${name}" is missing: pass the one from your dashboard, or use <BalanceProvider>`
        : name;
    }
  }
  // okra-js silently turns anything but exactly "production" into the sandbox.
  if (input.env !== 'production' && input.env !== 'production-sandbox') {
    return process.env.NODE_ENV !== 'production'
      ? `"env" must be "production" or "production-sandbox", not ${JSON.stringify(input.env)}`
      : 'env';
  }
  const { loadTimeoutMs, widgetOrigin } = input;
  if (loadTimeoutMs !== undefined && !(loadTimeoutMs > 0)) {
    return process.env.NODE_ENV !== 'production'
      ? `"loadTimeoutMs" must be a number of milliseconds above 0, not ${JSON.stringify(loadTimeoutMs)}`
      : 'loadTimeoutMs';
  }
  // Left out, it is Okra's, which is an origin.
  return widgetOrigin === undefined ? null : originProblem(widgetOrigin);
}

/** What is wrong with a widget origin (one from the server's link session too), or null; as `optionProblem`. */
export function originProblem(widgetOrigin: unknown): string | null {
  const origin = originOf(String(widgetOrigin));
  if (origin?.startsWith('http') && origin === String(widgetOrigin).replace(/\/$/, '')) return null;
  return process.env.NODE_ENV !== 'production'
    ? `"widgetOrigin" must be an origin like https://app.okra.ng, not ${JSON.stringify(widgetOrigin)}`
    : 'widgetOrigin';
}

/** The `invalid_options` error for what `optionProblem` or `originProblem` found. */
export function invalidOptions(problem: string): ConnectBalanceError {
  return new ConnectBalanceError(
    'invalid_options',
    process.env.NODE_ENV !== 'production'
      ? problem
      : `Bank linking is not set up on this page: check its "${problem}" option.`,
  );
}
