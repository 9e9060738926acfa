import { ConnectBalanceError } from './ConnectBalanceError.ts';

/**
 * Wraps a lazy `import()`: one shared promise for every caller, forgotten after a failure so the next call
 * retries, and failures reported as `ConnectBalanceError('load_failed')`.
 *
 * @example
 * const load = importOnce(() => import('./heavy.ts'));
 */
export function importOnce<T>(importer: () => Promise<T>): () => Promise<T> {
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
