import type { Context } from 'hono';
import type { ApiErrorBody, ApiErrorCode } from '@okra-balance/core';
import { jsonResponse } from './jsonResponse.ts';
import type { RouteEnv } from './RouteDeps.ts';

/** The HTTP status of each stable error code. */
export const STATUS_OF: Record<ApiErrorCode, number> = {
  invalid_request: 400,
  invalid_json: 400,
  payload_too_large: 413,
  unsupported_media_type: 415,
  unauthenticated: 401,
  forbidden: 403,
  cross_site_request: 403,
  not_found: 404,
  method_not_allowed: 405,
  rate_limited: 429,
  link_token_invalid: 400,
  link_token_used: 409,
  link_token_expired: 410,
  link_not_found: 404,
  needs_reauth: 409,
  provider_unavailable: 503,
  provider_error: 502,
  internal_error: 500,
};

/**
 * An error the route answers as `{ error: { code, message } }` with the code's status. Throw it anywhere in
 * a handler.
 *
 * @example
 * throw new ApiError('link_token_used', 'This link token was used already: start a new link');
 */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly code: ApiErrorCode;
  readonly status: number;
  readonly headers: Record<string, string>;

  constructor(code: ApiErrorCode, message: string, headers: Record<string, string> = {}) {
    super(message);
    this.code = code;
    this.status = STATUS_OF[code];
    this.headers = headers;
  }
}

/** The JSON response for an error code, with the request's answer headers in its init. */
export function errorResponse(
  c: Context<RouteEnv>,
  code: ApiErrorCode,
  message: string,
  headers: Record<string, string> = {},
): Response {
  const body: ApiErrorBody = { error: { code, message } };
  return jsonResponse(c, body, STATUS_OF[code], headers);
}
