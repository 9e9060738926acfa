import { okra, originOf, type WidgetOptions } from '@okra-balance/core';
import { checkOptions, invalidOptions } from './checkOptions.ts';

/** What okra-js is built with, and where the widget lives. */
export interface CheckedWidget {
  options: WidgetOptions;
  origin: string;
}

// Options of the hook and the component that are not widget options.
const OWN = ['publicKey', 'widgetOrigin', 'iframeTitle', 'loader', 'className', 'children'];

/**
 * Checks standalone options in full and copies the widget's part of them. Throws a
 * `ConnectBalanceError('invalid_options')` that names the option and the fix.
 */
export function widgetFromOptions(input: Record<string, unknown>): CheckedWidget {
  checkOptions(input);
  const options: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(input)) {
    if (typeof value !== 'function' && !OWN.includes(name)) options[name] = value;
  }
  // React keeps `key` for itself, so the component takes the public key as `publicKey`.
  options.key ??= input.publicKey;
  return finishWidget(options as WidgetOptions, input.widgetOrigin ?? okra.widgetOrigin);
}

/** Checks the origin and copies the options: okra-js writes into the object it gets, never the caller's. */
export function finishWidget(options: WidgetOptions, widgetOrigin: unknown): CheckedWidget {
  const origin = originOf(String(widgetOrigin));
  if (!origin?.startsWith('http') || origin !== String(widgetOrigin).replace(/\/$/, '')) {
    invalidOptions(
      `"widgetOrigin" must be an origin like https://app.okra.ng, not ${JSON.stringify(widgetOrigin)}`,
    );
  }
  const copy = JSON.parse(JSON.stringify(options)) as WidgetOptions;
  // auth and balance are what this package is for; other products the caller asked for are kept.
  copy.products = [...new Set(['auth', 'balance', ...(copy.products ?? [])])];
  return { options: copy, origin };
}
