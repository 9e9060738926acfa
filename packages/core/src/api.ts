/**
 * The thin route's JSON contract, shared by `@okra-balance/server` (which serves it) and
 * `@okra-balance/react` (which calls it).
 */
import type { BalanceSnapshot, Balance, LinkedAccount, LinkHealth, LinkOutage, RefreshJob } from './model.ts';
import type { WidgetEnv, WidgetProduct } from './widgetTypes.ts';

/** Stable error codes: branch on these, never on messages. */
export const API_ERROR_CODES = [
  'invalid_request',
  'invalid_json',
  'payload_too_large',
  'unsupported_media_type',
  'unauthenticated',
  'forbidden',
  'cross_site_request',
  'not_found',
  'method_not_allowed',
  'rate_limited',
  'link_token_invalid',
  'link_token_used',
  'link_token_expired',
  'link_not_found',
  'needs_reauth',
  'provider_unavailable',
  'provider_error',
  'internal_error',
] as const;

export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

/** Every error the route answers has this body. */
export interface ApiErrorBody {
  error: {
    code: ApiErrorCode;
    message: string;
  };
}

/** True for a value shaped like {@link ApiErrorBody}. */
export function isApiErrorBody(value: unknown): value is ApiErrorBody {
  if (typeof value !== 'object' || value === null) return false;
  const error = (value as { error?: unknown }).error;
  if (typeof error !== 'object' || error === null) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  return (
    typeof message === 'string' &&
    typeof code === 'string' &&
    (API_ERROR_CODES as readonly string[]).includes(code)
  );
}

/** What the browser needs to open the widget; never holds a secret. */
export interface WidgetConfig {
  key: string;
  token: string;
  env: WidgetEnv;
  products: WidgetProduct[];
  widgetOrigin: string;
  appId?: string;
  name?: string;
  /** The webhook the provider should call for this link's records. */
  callbackUrl?: string;
  /** Set when the session re-authenticates an existing link: the provider's account and bank ids. */
  reauth?: { account: string; bank: string };
  /** Metadata the widget stores on the record: carries the link token. */
  options: { linkToken: string; [key: string]: unknown };
}

/** `POST /link-sessions` → 201 */
export interface LinkSessionResponse {
  /** Single-use, expiring, bound to the user who asked. */
  linkToken: string;
  expiresAt: string;
  widget: WidgetConfig;
}

/** `POST /links` body. */
export interface CreateLinkRequest {
  linkToken: string;
  /**
   * The customer the widget reported. Read only by a route set up with `linkFallback: 'accounts-by-customer'`
   * (a provider without `/balance/byOptions`), and even then checked against the token, never trusted alone.
   */
  customerId?: string;
}

/** `POST /links` → 201 */
export interface CreateLinkResponse {
  accounts: LinkedAccount[];
}

/** `GET /accounts` → 200 */
export interface AccountsResponse {
  accounts: LinkedAccount[];
}

/** `POST /link-sessions` body: empty for a new link. */
export interface LinkSessionRequest {
  /** Our id of an account whose link needs its user again: the widget opens in re-authentication mode. */
  reauthAccountId?: string;
}

/** `GET /accounts/:id/balance` → 200 */
export interface BalanceResponse {
  accountId: string;
  balance: Balance | null;
  /** The latest refresh job, settled or not, so a poller sees how its job ended. */
  job: RefreshJob | null;
  health: LinkHealth;
}

/**
 * `GET /events`: a per-user Server-Sent Events stream (`text/event-stream`). Each event's `data` is JSON; `id`
 * is a resume point: a reconnect that sends it back as `Last-Event-ID` misses nothing.
 *
 * - `ready`, first on every connection: `resumed` is false when the server cannot replay what was missed
 *   (a first connection, or an id too old): the client should refetch what it shows.
 * - `account`: an account's balance, refresh job or health changed; `data` is what `GET /accounts/:id/balance`
 *   would answer now.
 * - `accounts`: the user's list changed (a link, an unlink); `data` is what `GET /accounts` would answer now.
 */
export type BalanceStreamEvent =
  | { event: 'ready'; id: string; data: { resumed: boolean } }
  | { event: 'account'; id: string; data: BalanceResponse }
  | { event: 'accounts'; id: string; data: AccountsResponse };

/** `PUT /accounts/:id/schedule` body: hours between refreshes, null for off, or `route` for the route's default. */
export interface ScheduleRequest {
  everyHours: number | null | 'route';
}

/** `POST /accounts/:id/refresh` → 202, and `GET /accounts/:id/refresh/:jobId` → 200 */
export interface RefreshJobResponse {
  job: RefreshJob;
  /** True when this request joined a job already running or just finished (the provider was not called again). */
  joined?: boolean;
}

/** `GET /accounts/:id/history` → 200, newest first. */
export interface HistoryResponse {
  accountId: string;
  snapshots: BalanceSnapshot[];
  /** The times the link was broken, newest first, overlapping the snapshots' span. */
  outages: LinkOutage[];
}

/** `GET /health` → 200 */
export interface HealthResponse {
  ok: true;
}
