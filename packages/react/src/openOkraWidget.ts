import { currentWidget } from './currentWidget.ts';
import type { OkraWidget } from './OkraWidget.ts';

/** What the widget reports, already past the origin check. */
export interface WidgetHandlers {
  onSuccess(data: unknown): void;
  onError(data: unknown): void;
  onEvent(data: unknown): void;
  /** The widget asked to close; by the time this runs it is gone from the page. */
  onClose(): void;
}

export interface OpenWidgetRequest {
  origin: string;
  /** A fresh object: okra-js writes into it. */
  options: Record<string, unknown>;
  title: string;
  handlers: WidgetHandlers;
}

/**
 * Builds the widget with okra-js and returns the function that removes it (iframe, overlay, listeners)
 * without calling `onClose`, or `null` when a widget is already open.
 */
export function openOkraWidget(okra: OkraWidget, request: OpenWidgetRequest): (() => void) | null {
  if (currentWidget.close !== null) return null;
  const { origin, handlers } = request;

  // okra-js accepts any origin that merely starts with its baseUrl (port 51740 passes for 5174). Stop those
  // messages before its listener runs; ours is added first and on the capture phase, so it runs first.
  const guard = (event: MessageEvent): void => {
    if (event.origin !== origin && event.origin.startsWith(origin)) event.stopImmediatePropagation();
  };
  window.addEventListener('message', guard, true);

  const remove = (): void => {
    if (currentWidget.close !== remove) return;
    currentWidget.close = null;
    window.removeEventListener('message', guard, true);
    const { iframe, loader } = okra;
    try {
      okra.forceClose(okra);
    } catch {
      // forceClose trips on its own half-removed nodes; what matters is removed below.
    }
    // okra-js leaves the overlay, and the iframe when it has no previous sibling: remove both ourselves.
    if (iframe) iframe.remove();
    loader?.remove();
  };
  currentWidget.close = remove;

  okra.baseUrl = origin;
  try {
    okra.buildWithOptions({
      ...request.options,
      onSuccess: handlers.onSuccess,
      onError: handlers.onError,
      onEvent: handlers.onEvent,
      onClose: () => {
        remove();
        handlers.onClose();
      },
    });
  } catch (error) {
    remove();
    throw error;
  }
  if (okra.iframe) {
    okra.iframe.title = request.title;
    okra.iframe.focus();
  }
  return remove;
}
