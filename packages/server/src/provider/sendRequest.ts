import { ProviderError } from './ProviderError.ts';
import { errorFromReply, readEnvelope, type ProviderReply } from './readEnvelope.ts';

/** How one provider call is made and retried. */
export interface TransportOptions {
  secretKey: string;
  fetch: typeof fetch;
  timeoutMs: number;
  /** Total tries for a failure that is safe to retry. */
  attempts: number;
  retryBaseMs: number;
  retryMaxMs: number;
  /** The longest 429 wait a call may sit through inline; a longer one is thrown to the caller. */
  maxRateLimitWaitMs: number;
  maxResponseBytes: number;
  sleep: (ms: number) => Promise<void>;
}

export interface ProviderRequest {
  method: 'GET' | 'POST';
  url: string;
  body?: unknown;
  /** True for reads: a timeout or a dropped connection may be retried, since asking again changes nothing. */
  idempotent: boolean;
}

// Errors that prove the request never left this machine.
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/**
 * Sends one request with the bearer secret key and a timeout, retrying with backoff only where it is safe:
 * 503 and connections that never opened for every call; timeouts, dropped connections and 502/504 for
 * reads; 429 only when its wait (60 s unless Retry-After says) fits in `maxRateLimitWaitMs`. Redirects are
 * never followed, so the key cannot be carried to another origin. Any reply that parsed is returned, success
 * or not: the caller decides what it means.
 */
export async function sendRequest(
  options: TransportOptions,
  request: ProviderRequest,
): Promise<ProviderReply> {
  for (let attempt = 1; ; attempt++) {
    let reply: ProviderReply | null = null;
    let failure: ProviderError;
    try {
      reply = await sendOnce(options, request);
      if (reply.httpStatus < 500 && reply.httpStatus !== 429) return reply;
      failure = errorFromReply(reply);
    } catch (error) {
      failure = error instanceof ProviderError ? error : thrownToError(error);
    }
    const wait = retryDelay(options, request, failure, attempt);
    if (wait === null) {
      if (reply !== null) return reply;
      throw failure;
    }
    await options.sleep(wait);
  }
}

async function sendOnce(options: TransportOptions, request: ProviderRequest): Promise<ProviderReply> {
  const headers: Record<string, string> = {
    authorization: `Bearer ${options.secretKey}`,
    accept: 'application/json',
  };
  if (request.body !== undefined) headers['content-type'] = 'application/json';
  const response = await options.fetch(request.url, {
    method: request.method,
    headers,
    body: request.body === undefined ? null : JSON.stringify(request.body),
    redirect: 'manual',
    signal: AbortSignal.timeout(options.timeoutMs),
  });
  if (response.status >= 300 && response.status < 400) {
    await response.body?.cancel();
    throw new ProviderError(
      'rejected',
      `The provider answered with a redirect (HTTP ${response.status}), which is not followed`,
      {
        status: response.status,
      },
    );
  }
  return readEnvelope(response, options.maxResponseBytes);
}

function retryDelay(
  options: TransportOptions,
  request: ProviderRequest,
  failure: ProviderError,
  attempt: number,
): number | null {
  if (failure.kind === 'rate_limited') {
    const wait = failure.retryAfterMs ?? 60_000;
    return attempt < options.attempts && wait <= options.maxRateLimitWaitMs ? wait : null;
  }
  if (attempt >= options.attempts) return null;
  const safe =
    failure.kind === 'unavailable' ||
    (failure.kind === 'network' && !failure.requestSent) ||
    (request.idempotent &&
      (failure.kind === 'network' || failure.kind === 'timeout' || isGatewayHiccup(failure)));
  if (!safe) return null;
  const backoff = Math.min(options.retryMaxMs, options.retryBaseMs * 2 ** (attempt - 1));
  const hinted = Math.min(options.retryMaxMs, failure.retryAfterMs ?? 0);
  // Half fixed, half random: spreads retries from many processes without making any wait near zero.
  return Math.max(hinted, backoff / 2 + Math.random() * (backoff / 2));
}

// A 502/504 from a proxy has no provider envelope; one with an envelope `type` (say `BANK_ERROR`) is the
// provider's deliberate answer, and asking again gets the same.
function isGatewayHiccup(failure: ProviderError): boolean {
  return (failure.status === 502 || failure.status === 504) && failure.type === null;
}

function thrownToError(error: unknown): ProviderError {
  const name = error instanceof Error ? error.name : '';
  if (name === 'TimeoutError' || name === 'AbortError') {
    return new ProviderError('timeout', 'The provider did not answer in time', { status: null });
  }
  const code = causeCode(error);
  const sent = code === null || !NOT_SENT_CODES.has(code);
  return new ProviderError('network', `Could not reach the provider${code === null ? '' : ` (${code})`}`, {
    status: null,
    requestSent: sent,
  });
}

function causeCode(error: unknown): string | null {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && typeof current === 'object' && current !== null; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return null;
}
