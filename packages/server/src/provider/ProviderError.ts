/**
 * What went wrong talking to the provider, as a closed set the job engine and the routes branch on.
 *
 * - `rate_limited`: 429 or a `RATE_LIMIT` envelope; wait `retryAfterMs` (60 s by the docs) before asking again.
 * - `unavailable`: 503, the bank took too long; safe to ask again shortly.
 * - `network`: no answer at all. `requestSent` says whether the request may have reached the provider.
 * - `timeout`: no answer within the client's timeout; the request may have been acted on.
 * - `unauthorized`: 401/403, a wrong or missing secret key.
 * - `rejected`: the provider refused the request (400, an error envelope, a redirect).
 * - `not_found`: 404.
 * - `server_error`: another 5xx.
 * - `malformed`: an answer that is not the provider's envelope.
 * - `unsafe_url`: a URL the provider handed over is not on its API origin, so it is never called.
 * - `bad_data`: the answer parsed, but holds data we refuse to store (an amount past 2^53 minor units, text
 *   the database cannot hold); asking again would bring the same.
 */
export type ProviderErrorKind =
  | 'rate_limited'
  | 'unavailable'
  | 'network'
  | 'timeout'
  | 'unauthorized'
  | 'rejected'
  | 'not_found'
  | 'server_error'
  | 'malformed'
  | 'unsafe_url'
  | 'bad_data';

export interface ProviderErrorDetails {
  /** HTTP status, or null when there was no answer. */
  status?: number | null;
  /** The envelope's `type`, e.g. `RATE_LIMIT`, `EXPIRED`. */
  type?: string;
  /** How long to wait before asking again, where the provider or the docs say. */
  retryAfterMs?: number;
  /** False only when the request certainly never left (connection refused, name not found). */
  requestSent?: boolean;
  cause?: unknown;
}

/**
 * A typed failure of a provider call. Its message never holds the secret key or request headers.
 *
 * @example
 * try { await client.startRefresh('acc_1'); }
 * catch (error) { if (error instanceof ProviderError && error.kind === 'rate_limited') wait(error.retryAfterMs); }
 */
export class ProviderError extends Error {
  override readonly name = 'ProviderError';
  readonly kind: ProviderErrorKind;
  readonly status: number | null;
  readonly type: string | null;
  readonly retryAfterMs: number | null;
  readonly requestSent: boolean;

  constructor(kind: ProviderErrorKind, message: string, details: ProviderErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.kind = kind;
    this.status = details.status ?? null;
    this.type = details.type ?? null;
    this.retryAfterMs = details.retryAfterMs ?? null;
    this.requestSent = details.requestSent ?? true;
  }
}

/** True for a {@link ProviderError}, optionally of one of the given kinds. */
export function isProviderError(error: unknown, ...kinds: ProviderErrorKind[]): error is ProviderError {
  return error instanceof ProviderError && (kinds.length === 0 || kinds.includes(error.kind));
}
