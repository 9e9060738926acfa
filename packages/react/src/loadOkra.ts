import { createOkraLoader } from './createOkraLoader.ts';

/**
 * Loads okra-js on demand, in the browser only: the first call starts the download, later calls share it, a
 * failed load is retried by the next call, and on the server it resolves to `null` without importing anything.
 *
 * @example
 * const okra = await loadOkra();
 */
export const loadOkra = /* @__PURE__ */ createOkraLoader(() => import('okra-js'));

/**
 * Starts loading okra-js without waiting, so a later click opens the widget at once. Failures are kept quiet
 * here: the click that needs okra-js retries and reports them.
 *
 * @example
 * <button onPointerEnter={preloadOkra} onFocus={preloadOkra}>Link your bank</button>
 */
export function preloadOkra(): void {
  loadOkra().catch(() => undefined);
}
