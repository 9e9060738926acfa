import { importOnce } from './importOnce.ts';
import type * as Kit from './openConnectWidget.ts';

/** The lazily loaded module: `openConnectWidget` and the full `widgetFromOptions` check. */
export type WidgetKit = typeof Kit;

/**
 * Loads the code needed only once a widget opens (full option checks, the okra-js driver with its origin
 * guard, the result normalizer). `useConnectBalance` asks for it together with okra-js, on preload or on
 * click, so the page's first bundle holds none of it. Loaded once; a failure is retried by the next call.
 */
export const loadWidgetKit: () => Promise<WidgetKit> = /* @__PURE__ */ importOnce(
  () => import('./openConnectWidget.ts'),
);
