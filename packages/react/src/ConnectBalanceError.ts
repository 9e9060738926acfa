/**
 * Why linking could not go on:
 * - `invalid_options`: a widget option is missing or wrong (the message names it and the fix);
 * - `load_failed`: okra-js could not be loaded (calling `open()` again retries);
 * - `widget_error`: the widget reported an error (`cause` holds its message);
 * - `widget_load_timeout`: the widget did not say it had loaded in time (a wrong `widgetOrigin`, a dead
 *   network); it was removed, and `open()` tries again;
 * - `link_session_failed`: the server would not start a link session (`cause` is the `BalanceApiError`);
 * - `link_failed`: the server could not confirm the linked accounts (`cause` is the `BalanceApiError`).
 */
export type ConnectBalanceErrorCode =
  | 'invalid_options'
  | 'load_failed'
  | 'widget_error'
  | 'widget_load_timeout'
  | 'link_session_failed'
  | 'link_failed';

/**
 * The error `useConnectBalance` reports through `onError` and `error`.
 *
 * @example
 * onError={(error) => { if (error.code === 'widget_error') console.warn(error.cause); }}
 */
export class ConnectBalanceError extends Error {
  override readonly name = 'ConnectBalanceError';

  constructor(
    readonly code: ConnectBalanceErrorCode,
    message: string,
    cause?: unknown,
  ) {
    super(message, { cause });
  }
}
