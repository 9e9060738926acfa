import okraModule from 'okra-js';
import { vi } from 'vitest';
import type { OkraWidget } from '../OkraWidget.ts';

/**
 * The REAL okra-js 2.1.1 object (jsdom has a window, so its CommonJS wrapper builds it), handed to the hook
 * through the `loader` seam. `seen` counts the messages okra-js itself handled, so a test can prove a message
 * never reached it.
 */
export function realOkra() {
  const okra = okraModule as OkraWidget & { handleEvent(event: MessageEvent): void };
  const build = vi.spyOn(okra, 'buildWithOptions');
  const seen = vi.spyOn(okra, 'handleEvent');
  const loader = vi.fn(() => Promise.resolve(okra));
  return { okra, build, seen, loader };
}

export const WIDGET_ORIGIN = 'http://127.0.0.1:5174';

/** The widget's iframe, once okra-js has built it. */
export const widgetFrame = () => document.querySelector<HTMLIFrameElement>('iframe[id^="okra-iframe-"]');

/**
 * Sends a message to the page as the widget's iframe would post it: from its window, on `origin`. jsdom loads
 * no page into the iframe, so the tests speak for the widget.
 */
export function postFrom(
  origin: string,
  data: unknown,
  source: Window | null = widgetFrame()?.contentWindow ?? null,
): void {
  window.dispatchEvent(new MessageEvent('message', { origin, data, source }));
}

/** The widget says its page is up (okra-js 2.1.1's misspelt `ifameLoaded`). */
export function widgetLoaded(): void {
  postFrom(WIDGET_ORIGIN, { ifameLoaded: true });
}

/** Everything in `<body>` except the containers Testing Library renders into. */
export function strayNodes(): Element[] {
  return [...document.body.children].filter((node) => !(node instanceof HTMLDivElement && node.id === ''));
}
