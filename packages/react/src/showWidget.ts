import { okra as okraProvider, type WidgetConfig } from '@okra-balance/core';
import type { ConnectBalanceError, ConnectBalanceErrorCode } from './ConnectBalanceError.ts';
import type { OkraWidget } from './OkraWidget.ts';
import { openWidget } from './openWidget.ts';
import type { LinkSession } from './startLink.ts';
import {
  WIDGET_FIELDS,
  type StandaloneWidgetOptions,
  type UseConnectBalanceOptions,
} from './UseConnectBalanceOptions.ts';

/** What `open()` hands over once okra-js, this code and the link session are here. */
export interface ShowRequest {
  /** The options `open()` was called with (standalone ones passed `optionProblem`). */
  options: UseConnectBalanceOptions;
  /** The server's link session, with `<BalanceProvider>` (its widget origin checked by `originProblem`). */
  session: LinkSession | null;
  /** The latest options, whose callbacks get the results: the props as they are when the widget reports. */
  latest: { readonly current: UseConnectBalanceOptions };
  /** Focused again when the widget leaves. */
  returnFocus: Element | null;
  /** Makes the hook's `error` and calls `onError` (the error is made there: this code needs no copy of it). */
  fail: (code: ConnectBalanceErrorCode, message: string, cause?: unknown) => void;
  /** The widget has left the page: another `open()` may go. */
  release: () => void;
}

/**
 * The click-time half of `useConnectBalance`, loaded with okra-js: builds the okra-js options, opens the
 * widget and hands what it reports to the latest callbacks. Returns `stop(closing)`: removes the widget, and
 * when `closing` (the hook's `close()`, not an unmount) gives focus back and calls `onClose`.
 */
export function showWidget(okra: OkraWidget, request: ShowRequest): (closing: boolean) => void {
  const { options, session, latest, returnFocus, fail, release } = request;
  let linked = false;
  const widget = session ? fromSession(session.widget) : fromOptions(options);
  const remove = openWidget(okra, {
    ...widget,
    title: options.iframeTitle ?? 'Link your bank account',
    loadTimeoutMs: options.loadTimeoutMs ?? 20_000,
    returnFocus,
    handlers: {
      onSuccess: (result, raw) => {
        linked = true;
        latest.current.onSuccess?.(result, raw);
        session?.confirm().then(
          (accounts) => latest.current.onLinked?.(accounts),
          (error: ConnectBalanceError) => fail(error.code, error.message, error.cause),
        );
      },
      onError: fail,
      onEvent: (event) => latest.current.onEvent?.(event),
      onClose: () => {
        release();
        latest.current.onClose?.({ linked });
      },
    },
  });
  return (closing) => {
    remove();
    release();
    if (!closing) return;
    if (returnFocus instanceof HTMLElement) returnFocus.focus();
    latest.current.onClose?.({ linked });
  };
}

/** The okra-js options for standalone options. The named options win over `extraWidgetOptions`. */
function fromOptions(input: UseConnectBalanceOptions) {
  const standalone = input as StandaloneWidgetOptions;
  const options: Record<string, unknown> = { ...standalone.extraWidgetOptions };
  for (const name of WIDGET_FIELDS) options[name] = standalone[name];
  options.key = standalone.publicKey;
  options.token = standalone.token;
  options.env = standalone.env;
  options.products = standalone.products;
  return finish(options, standalone.widgetOrigin ?? okraProvider.widgetOrigin);
}

/**
 * The okra-js options for a link session's widget config (our camelCase to okra-js's snake_case). A session
 * that re-authenticates names the provider's account and bank: okra-js opens the widget for that link.
 */
function fromSession(widget: WidgetConfig) {
  const { key, token, env, products, options, appId, name, callbackUrl, reauth } = widget;
  return finish(
    {
      key,
      token,
      env,
      products,
      options,
      app_id: appId,
      name,
      callback_url: callbackUrl,
      reauth_account: reauth?.account,
      reauth_bank: reauth?.bank,
    },
    widget.widgetOrigin,
  );
}

function finish(options: Record<string, unknown>, widgetOrigin: string) {
  // A JSON copy, as okra-js sends it: unset options drop out, and okra-js never writes into the caller's.
  const copy = JSON.parse(JSON.stringify(options)) as { products?: string[] };
  // auth and balance are what this package is for; other products the caller asked for are kept.
  copy.products = [...new Set(['auth', 'balance', ...(copy.products ?? [])])];
  // Checked to be an origin, perhaps with a trailing slash.
  return { options: copy, origin: widgetOrigin.replace(/\/$/, '') };
}
