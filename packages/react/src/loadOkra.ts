import { ConnectBalanceError } from './ConnectBalanceError.ts';
import type { OkraWidget } from './OkraWidget.ts';
import type * as Driver from './showWidget.ts';

/**
 * Wraps a lazy `import()`: one shared promise for every caller, forgotten after a failure so the next call
 * retries, and failures reported as `ConnectBalanceError('load_failed')`.
 */
function importOnce<T>(importer: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | undefined;
  return () =>
    (pending ??= importer().catch((cause: unknown) => {
      pending = undefined;
      throw new ConnectBalanceError(
        'load_failed',
        'Could not load the bank widget: check the connection and try again',
        cause,
      );
    }));
}

/**
 * A loader that imports okra-js once, through `importOnce`, and resolves to `null` without a document (server
 * rendering), where okra-js must never be evaluated.
 *
 * @example
 * const load = createOkraLoader(() => import('okra-js'));
 * const okra = await load(); // the same object on every call
 */
export function createOkraLoader(importer: () => Promise<unknown>): () => Promise<OkraWidget | null> {
  const load = importOnce(() =>
    importer().then((module) => {
      // A CommonJS bundle: bundlers hand it over as the default export, some as the namespace itself.
      const okra = ((module as { default?: unknown }).default ?? module) as OkraWidget;
      if (typeof okra.buildWithOptions !== 'function') throw new TypeError('not okra-js@2');
      return okra;
    }),
  );
  return () => (typeof document === 'undefined' ? Promise.resolve(null) : load());
}

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

/**
 * The code that builds and drives an open widget (`showWidget.ts`, `openWidget.ts`: the okra-js options, the
 * message guard, the load timeout, the result normalizer). Only a click needs it, so it comes with okra-js.
 */
const loadDriver = /* @__PURE__ */ importOnce(() => import('./showWidget.ts'));

/** The driver and okra-js (from `loader`, a test's or a story's fake, or the real one), loaded together. */
export function loadWidget(
  loader: (() => Promise<OkraWidget | null>) | undefined,
): Promise<[typeof Driver, OkraWidget | null]> {
  return Promise.all([loadDriver(), (loader ?? loadOkra)()]);
}
