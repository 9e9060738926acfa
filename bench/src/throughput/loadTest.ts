import autocannon from 'autocannon';

/** One bounded load test's figures. */
export interface LoadResult {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Non-2xx answers plus connection errors: a run with any is not a valid figure. */
  failures: number;
}

/**
 * Sends GET requests to one loopback URL for `seconds` over `connections` keep-alive connections
 * (autocannon), and returns the mean requests/s and latency percentiles.
 *
 * @example
 * const { requestsPerSecond } = await loadTest('http://127.0.0.1:3000/accounts', { 'x-bench-user': 'u' }, 5);
 */
export async function loadTest(
  url: string,
  headers: Record<string, string>,
  seconds: number,
  connections = 10,
): Promise<LoadResult> {
  if (new URL(url).hostname !== '127.0.0.1') throw new Error(`load tests target 127.0.0.1 only, not ${url}`);
  const result = await autocannon({ url, headers, duration: seconds, connections, method: 'GET' });
  return {
    requestsPerSecond: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    failures: result.non2xx + result.errors,
  };
}
