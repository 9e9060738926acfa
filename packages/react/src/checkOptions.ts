import { ConnectBalanceError } from './ConnectBalanceError.ts';

/**
 * The cheap checks of standalone options, run on every render so an obvious mistake shows before any click:
 * the public key and token are there, and `env` is one okra-js honours. The rest (the widget origin, the
 * copy okra-js gets) is checked by `widgetFromOptions` once the widget's code is loaded.
 */
export function checkOptions(input: Record<string, unknown>): void {
  for (const [name, value] of [
    ['publicKey', input.key ?? input.publicKey],
    ['token', input.token],
  ]) {
    if (typeof value !== 'string' || value === '') {
      invalidOptions(`"${name}" is missing: pass the one from your dashboard, or use <BalanceProvider>`);
    }
  }
  // okra-js silently turns anything but exactly "production" into the sandbox.
  if (input.env !== 'production' && input.env !== 'production-sandbox') {
    invalidOptions(`"env" must be "production" or "production-sandbox", not ${JSON.stringify(input.env)}`);
  }
}

/** Throws the `invalid_options` error; `message` names the option and the fix. */
export function invalidOptions(message: string): never {
  throw new ConnectBalanceError('invalid_options', message);
}
