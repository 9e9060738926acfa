import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';
import { appBuildOptions } from '../harness/appBuildOptions.ts';
import type { WidgetPageConfig } from './widgetPage.tsx';

/** The built page: files by URL path, and the path of okra-js's lazy chunk. */
export interface WidgetPage {
  files: Map<string, { type: string; body: Uint8Array }>;
  okraChunkPath: string;
}

// Marks taken by the page itself, independent of React: the click, the iframe's insertion, its load event
// and the widget's first message (okra-js 2.1.1's misspelt `ifameLoaded`).
const marksScript = `
window.__marks = {};
document.addEventListener('click', function () { if (!__marks.click) __marks.click = performance.now(); }, true);
new MutationObserver(function () {
  var frame = document.querySelector('iframe');
  if (frame && !__marks.iframe) {
    __marks.iframe = performance.now();
    frame.addEventListener('load', function () { if (!__marks.load) __marks.load = performance.now(); });
  }
}).observe(document.documentElement, { childList: true, subtree: true });
window.addEventListener('message', function (event) {
  if (event.data && event.data.ifameLoaded && !__marks.ready) __marks.ready = performance.now();
});`;

/**
 * Builds the widget bench page with esbuild as an app would (ESM, code splitting, minified, production),
 * against @okra-balance/react's published build, so okra-js is its own lazy chunk.
 *
 * @example
 * const page = await buildWidgetPage({ publicKey, token, widgetOrigin: sandbox.widgetOrigin });
 */
export async function buildWidgetPage(config: WidgetPageConfig, plugins: Plugin[] = []): Promise<WidgetPage> {
  const result = await build({
    plugins,
    entryPoints: [fileURLToPath(new URL('./widgetPage.tsx', import.meta.url))],
    ...appBuildOptions,
    jsx: 'automatic',
    tsconfigRaw: { compilerOptions: { jsx: 'react-jsx' } },
  });
  const files = new Map<string, { type: string; body: Uint8Array }>();
  for (const file of result.outputFiles) {
    files.set(file.path.replace(/^\/out/, ''), { type: 'text/javascript', body: file.contents });
  }
  const okraChunkPath = [...files.keys()].find((path) => path.startsWith('/okra-js-'));
  if (okraChunkPath === undefined) throw new Error('okra-js was not split into its own chunk');
  const json = JSON.stringify(config).replaceAll('<', '\\u003c');
  const html =
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Widget open bench</title>' +
    `<script>${marksScript}</script><script type="module" src="/entry.js"></script></head>` +
    `<body><div id="root"></div><script type="application/json" id="bench-config">${json}</script></body></html>`;
  files.set('/', { type: 'text/html; charset=utf-8', body: new TextEncoder().encode(html) });
  return { files, okraChunkPath };
}
