import type { BalanceUser } from '@okra-balance/server';

/** The header the benchmarks sign in with: the app's own session check, reduced to a user id. */
export const BENCH_USER_HEADER = 'x-bench-user';

/**
 * `authenticate` for the benchmark servers: the user named in {@link BENCH_USER_HEADER}, or nobody.
 *
 * @example
 * await createBalanceRoute({ ...options, authenticate: authenticateBenchUser });
 */
export function authenticateBenchUser(request: Request): BalanceUser | null {
  const id = request.headers.get(BENCH_USER_HEADER);
  return id === null || id === '' ? null : { id };
}
