import { isApiErrorBody } from '@okra-balance/core';
import { seededRandom } from '../../harness/seededRandom.ts';
import { badRequest, type FuzzRequest, type FuzzTargets } from './badRequest.ts';

/** What a fuzz run saw. */
export interface FuzzReport {
  sent: number;
  /** Answers per HTTP status. */
  byStatus: Record<number, number>;
  /** Requests that got a 5xx, an error body out of shape, or no answer (first 20 kept). */
  failures: { request: string; problem: string }[];
  failureCount: number;
}

/**
 * Sends `count` generated bad requests to the route at `baseUrl`, `concurrency` at a time, and checks each
 * answer: no 5xx, an answer within `timeoutMs`, and every error (4xx) body `{ error: { code, message } }` with
 * a code from core's API_ERROR_CODES.
 *
 * @example
 * const report = await runFuzz(server.url, targets, { seed: 1, count: 10_000 });
 */
export async function runFuzz(
  baseUrl: string,
  targets: FuzzTargets,
  options: { seed: number; count: number; concurrency?: number; timeoutMs?: number },
): Promise<FuzzReport> {
  const random = seededRandom(options.seed);
  const requests = Array.from({ length: options.count }, () => badRequest(random, targets));
  const report: FuzzReport = { sent: 0, byStatus: {}, failures: [], failureCount: 0 };
  let next = 0;
  const worker = async () => {
    while (next < requests.length) {
      const request = requests[next++]!;
      const problem = await check(baseUrl, request, options.timeoutMs ?? 10_000, report);
      report.sent += 1;
      if (problem === null) continue;
      report.failureCount += 1;
      if (report.failures.length < 20) report.failures.push({ request: describe(request), problem });
    }
  };
  await Promise.all(Array.from({ length: options.concurrency ?? 8 }, worker));
  return report;
}

async function check(
  baseUrl: string,
  request: FuzzRequest,
  timeoutMs: number,
  report: FuzzReport,
): Promise<string | null> {
  let response: Response;
  try {
    response = await fetch(`${baseUrl}${request.path}`, {
      method: request.method,
      headers: request.headers,
      signal: AbortSignal.timeout(timeoutMs),
      ...(request.body === undefined ? {} : { body: request.body }),
    });
  } catch (error) {
    return `no answer: ${String((error as Error).cause ?? error)}`;
  }
  const text = await response.text();
  report.byStatus[response.status] = (report.byStatus[response.status] ?? 0) + 1;
  if (response.status >= 500) return `${response.status}: ${text.slice(0, 200)}`;
  if (response.status < 400 || request.method === 'HEAD') return null;
  let body: unknown = null;
  try {
    body = JSON.parse(text);
  } catch {
    return `${response.status} with a body that is not JSON: ${text.slice(0, 200)}`;
  }
  return isApiErrorBody(body)
    ? null
    : `${response.status} with an error body out of shape: ${text.slice(0, 200)}`;
}

function describe(request: FuzzRequest): string {
  const body =
    request.body === undefined
      ? ''
      : ` body=${typeof request.body === 'string' ? JSON.stringify(request.body.slice(0, 80)) : `<${request.body.length} bytes>`}`;
  return `${request.method} ${request.path.slice(0, 120)} headers=${JSON.stringify(request.headers).slice(0, 200)}${body}`;
}
