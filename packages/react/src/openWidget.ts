import {
  normalizeLinkResult,
  type LinkResult,
  type WidgetEventPayload,
  type WidgetSuccessPayload,
} from '@okra-balance/core';
import type { ConnectBalanceErrorCode } from './ConnectBalanceError.ts';
import type { OkraWidget } from './OkraWidget.ts';

/** What the widget reports, past the guard, typed. */
export interface WidgetHandlers {
  onSuccess: (result: LinkResult, raw: WidgetSuccessPayload) => void;
  onError: (code: ConnectBalanceErrorCode, message: string, cause?: unknown) => void;
  onEvent: (event: WidgetEventPayload) => void;
  /** The widget has left the page and focus is back where it was. */
  onClose: () => void;
}

/** What to open, and where its results go. */
export interface WidgetRequest {
  /** What okra-js is built with: a fresh copy, since okra-js writes into it. */
  options: Record<string, unknown>;
  /** Where the widget lives: messages count only from exactly this origin. */
  origin: string;
  /** The iframe's accessible name. */
  title: string;
  /** How long the widget may take to say it has loaded (ms). */
  loadTimeoutMs: number;
  /** Focused again when the widget leaves. */
  returnFocus: Element | null;
  handlers: WidgetHandlers;
}

/**
 * Builds the widget with okra-js and watches it until it leaves. Returns the function that removes it
 * (iframe, overlay, listeners, timer) without calling any handler.
 *
 * Until the widget says it has loaded (its `ifameLoaded` message), focus stays on the page, so Escape closes
 * it; past `loadTimeoutMs` it is removed with a `widget_load_timeout` error. A widget origin that serves
 * nothing would otherwise leave the browser's error page over the whole page, with no way out.
 */
export function openWidget(okra: OkraWidget, request: WidgetRequest): () => void {
  const { origin, handlers } = request;
  let iframe: HTMLIFrameElement | null = null;
  let loaded = false;
  let removed = false;

  // okra-js accepts a message from any window whose origin merely starts with its baseUrl (port 51740 passes
  // for 5174). Ours runs first (a capture listener, added before okra-js's) and stops everything on such an
  // origin that is not this widget's own iframe on exactly its origin. Other origins are left to other code.
  const guard = (event: MessageEvent): void => {
    if (!event.origin.startsWith(origin)) return;
    if (event.origin !== origin || iframe === null || event.source !== iframe.contentWindow) {
      event.stopImmediatePropagation();
    } else if (!loaded && (event.data as { ifameLoaded?: unknown } | null)?.ifameLoaded) {
      loaded = true;
      clearTimeout(timer);
      iframe.focus();
    }
  };
  const escape = (event: KeyboardEvent): void => {
    if (event.key === 'Escape' && !loaded) leave();
  };
  const remove = (): void => {
    if (removed) return;
    removed = true;
    clearTimeout(timer);
    window.removeEventListener('message', guard, true);
    window.removeEventListener('keydown', escape, true);
    const { loader } = okra;
    try {
      okra.forceClose(okra);
    } catch {
      // forceClose trips on its own half-removed nodes; what matters is removed below.
    }
    // okra-js leaves the overlay, and the iframe when it has no previous sibling: remove both ourselves.
    iframe?.remove();
    loader?.remove();
  };
  const leave = (): void => {
    remove();
    if (request.returnFocus instanceof HTMLElement) request.returnFocus.focus();
    handlers.onClose();
  };
  const timer = setTimeout(() => {
    if (process.env.NODE_ENV !== 'production') {
      console.warn(
        `okra-balance: the widget at ${iframe?.src ?? origin} did not say it had loaded within ` +
          `${request.loadTimeoutMs} ms, so it was removed. Check widgetOrigin (${origin}): it must serve the ` +
          'okra-js widget; the iframe may have shown the browser’s error page.',
      );
    }
    remove();
    handlers.onError(
      'widget_load_timeout',
      'The bank widget did not load. Check your connection, then try again.',
    );
    leave();
  }, request.loadTimeoutMs);

  window.addEventListener('message', guard, true);
  window.addEventListener('keydown', escape, true);
  okra.baseUrl = origin;
  try {
    okra.buildWithOptions({
      ...request.options,
      onSuccess: (raw: WidgetSuccessPayload) => handlers.onSuccess(normalizeLinkResult(raw), raw),
      onError: (raw: { message?: unknown } | undefined) =>
        handlers.onError(
          'widget_error',
          typeof raw?.message === 'string' ? raw.message : 'The widget failed',
          raw,
        ),
      onEvent: handlers.onEvent,
      onClose: () => leave(),
    });
  } catch (error) {
    // okra-js threw half-way: take away what it had built.
    iframe = okra.iframe || null;
    remove();
    throw error;
  }
  iframe = okra.iframe || null;
  if (iframe) iframe.title = request.title;
  return remove;
}
