import { normalizeLinkResult, type WidgetEventPayload, type WidgetSuccessPayload } from '@okra-balance/core';
import { ConnectBalanceError } from './ConnectBalanceError.ts';
import type { OkraWidget } from './OkraWidget.ts';
import { openOkraWidget } from './openOkraWidget.ts';
import type { LinkSession } from './startLink.ts';
import type { ConnectBalanceCallbacks, ConnectBalanceOptions } from './useConnectBalance.ts';
import { widgetFromOptions } from './widgetFromOptions.ts';
import { widgetFromSession } from './widgetFromSession.ts';

// The full option check: once this module is loaded, `useConnectBalance` runs it on render instead of the
// cheap one.
export { widgetFromOptions };

/** What to open, and where its results go. */
export interface ConnectWidgetRequest {
  /** The options `open()` was called with: the widget's own when standalone, and `iframeTitle`. */
  options: ConnectBalanceOptions;
  /** The latest options, whose callbacks get the results: the props as they are when the widget reports. */
  latest: { readonly current: ConnectBalanceCallbacks };
  /** The server's link session, in backend mode. */
  session: LinkSession | null;
  /** Focused again when the widget closes. */
  returnFocus: Element | null;
  /** Keeps an error for the hook's `error` and calls `onError`. */
  fail(error: ConnectBalanceError): void;
  /** The widget is gone: the hook goes back to idle (before `onClose` is called). */
  settle(): void;
}

/**
 * The lazily loaded half of `useConnectBalance`: checks and copies the options, opens the widget with okra-js
 * and hands what it reports, typed and normalized, to the latest callbacks. Returns what `openOkraWidget`
 * returns. Throws the `invalid_options` error for what the cheap check on render let through (a bad origin).
 */
export function openConnectWidget(okra: OkraWidget, request: ConnectWidgetRequest): (() => void) | null {
  const { options, latest, session, fail } = request;
  const widget = session ? widgetFromSession(session.widget) : widgetFromOptions(options);
  let linked = false;
  return openOkraWidget(okra, {
    ...widget,
    title: options.iframeTitle ?? 'Link your bank account',
    handlers: {
      onSuccess: (raw) => {
        linked = true;
        latest.current.onSuccess?.(normalizeLinkResult(raw), raw as WidgetSuccessPayload);
        session?.confirm().then((accounts) => latest.current.onLinked?.(accounts), fail);
      },
      onError: (raw) => {
        const { message } = (raw ?? {}) as { message?: unknown };
        fail(new ConnectBalanceError('widget_error', String(message ?? 'The widget failed'), raw));
      },
      onEvent: (raw) => latest.current.onEvent?.(raw as WidgetEventPayload),
      onClose: () => {
        request.settle();
        if (request.returnFocus instanceof HTMLElement) request.returnFocus.focus();
        latest.current.onClose?.({ linked });
      },
    },
  });
}
