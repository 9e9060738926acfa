import type { WidgetConfig } from '@okra-balance/core';
import type { OkraWidget } from '../OkraWidget.ts';

/** The widget a story's server hands out: {@link storyOkra}'s page, which shares the story's origin. */
export const storyWidget: Omit<WidgetConfig, 'options' | 'reauth'> = {
  key: 'pk_from_server',
  token: 'ct_from_server',
  env: 'production-sandbox',
  products: ['auth', 'balance'],
  widgetOrigin: window.location.origin,
};

/**
 * A stand-in for okra-js in stories, which must not touch a network: it builds what okra-js builds (an overlay
 * and a full-screen iframe) and dispatches the widget's messages the way okra-js 2.1.1 does, but the iframe is
 * a small local page (`srcdoc`, so it shares the story's origin) that says it has loaded and has buttons that
 * post the widget's messages. Plays drive it with {@link postAsWidget}. With `loads: false` the page never
 * says it has loaded, as a widget origin that serves nothing.
 */
export function storyOkra({ loads = true }: { loads?: boolean } = {}): OkraWidget {
  let callbacks: Record<string, ((data?: unknown) => void) | undefined> = {};
  const okra = {
    baseUrl: '',
    iframe: null as HTMLIFrameElement | '' | null,
    loader: null as HTMLElement | null,
    buildWithOptions(options: Record<string, unknown>) {
      callbacks = options as typeof callbacks;
      okra.loader = Object.assign(document.createElement('div'), { id: 'story-okra-overlay' });
      okra.loader.style.cssText = 'position:fixed;inset:0;background:rgba(16,24,40,.5)';
      const iframe = document.createElement('iframe');
      iframe.srcdoc = loads ? WIDGET_PAGE : DEAD_PAGE;
      iframe.style.cssText = 'position:fixed;inset:10%;width:80%;height:80%;border:0;background:#fff';
      okra.iframe = iframe;
      document.body.append(okra.loader, iframe);
      window.addEventListener('message', okra);
    },
    handleEvent(event: MessageEvent) {
      // okra-js's own check: a prefix match, which is why the hook puts a stricter one in front of it.
      if (!event.origin.startsWith(okra.baseUrl)) return;
      const data = event.data as Record<string, unknown> | null;
      if (data?.close) {
        okra.forceClose();
        callbacks.onClose?.();
      } else if (data?.success) callbacks.onSuccess?.(data);
      else if (data?.error) callbacks.onError?.(data);
      else if (data?.event) callbacks.onEvent?.(data);
      else if (data?.ifameLoaded) okra.loader?.remove();
    },
    forceClose() {
      if (okra.iframe) okra.iframe.remove();
      okra.iframe = '';
      window.removeEventListener('message', okra);
    },
  };
  return okra;
}

/**
 * Posts a message to the page as the widget would: from the widget's iframe, on the story's own origin (which
 * stands in for the widget's).
 */
export function postAsWidget(data: unknown): void {
  const source = document.querySelector('iframe')?.contentWindow ?? null;
  window.dispatchEvent(new MessageEvent('message', { data, origin: window.location.origin, source }));
}

/** What a completed link posts, in the documented shape. */
export const linkedPayload = {
  success: true,
  auth: { customer_id: 'cus_demo', bank_details: { _id: 'gtb', name: 'GTBank', slug: 'gtbank' } },
  accounts: [{ id: 'acc_demo', name: 'Ada Obi', nuban: '0123456789', currency: 'NGN' }],
  record: 'rec_demo',
};

const post = (data: unknown) => `parent.postMessage(${JSON.stringify(data)}, '*')`;

const WIDGET_PAGE = `<!doctype html><html lang="en"><head><title>Demo bank widget</title>
<style>body{font:16px system-ui;margin:2em;color:#101828}button{font:inherit;margin:.25em}</style></head>
<body><main><h1>Demo bank widget</h1><p>Stories use this local page instead of the provider's widget.</p>
<button type="button" onclick='${post(linkedPayload)}'>Link GTBank</button>
<button type="button" onclick='${post({ error: true, message: 'Wrong credentials, 3 attempts' })}'>Fail</button>
<button type="button" onclick='${post({ close: true })}'>Close</button></main>
<script>${post({ ifameLoaded: true })}</script></body></html>`;

// What a browser shows for an origin that serves nothing: a page that never speaks to its parent.
const DEAD_PAGE = `<!doctype html><html lang="en"><head><title>This site can’t be reached</title></head>
<body><h1>This site can’t be reached</h1><p>127.0.0.1 refused to connect.</p></body></html>`;
