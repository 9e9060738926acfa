import { importOnce } from './importOnce.ts';
import type { OkraWidget } from './OkraWidget.ts';

/**
 * A loader that imports okra-js once: one shared promise, forgotten after a failure so the next call retries,
 * and `null` without a document (server rendering), where okra-js must never be evaluated.
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
