import type { ApiErrorCode } from '@okra-balance/core';
import { EXPIRED_LINK_STATUSES, type ExpiredLinkStatus, type Sandbox } from '@okra-balance/sandbox';
import { authenticateDemoUser } from './session.ts';

/** What the demo's own controls need: its sandbox, the lookup of provider ids, and the page's origin. */
export interface DemoControlsDeps {
  sandbox: Sandbox;
  providerAccountIdOf(userId: string, accountId: string): Promise<string | null>;
  origin: string;
}

/** The body of `POST /demo/accounts/:id/expire`. */
export interface ExpireRequest {
  /** What the link decays into; default `invalid` (the bank refuses the saved password). */
  status?: ExpiredLinkStatus;
}

const EXPIRE_PATH = /^\/demo\/accounts\/([A-Za-z0-9_-]{1,80})\/expire$/;

/**
 * The demo's controls over its sandbox, beside the route: `POST /demo/accounts/:id/expire` makes the bank
 * stop accepting one of the user's links, as a changed password would. Answers the link's new state, or an
 * error body like the route's. Sandbox mode only: with a real provider these paths are not served.
 *
 * @example
 * await fetch(`/demo/accounts/${accountId}/expire`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"status":"token_required"}' });
 */
export function demoControls(deps: DemoControlsDeps): (request: Request) => Promise<Response> {
  return async (request) => {
    const match = EXPIRE_PATH.exec(new URL(request.url).pathname);
    if (match?.[1] === undefined) return failure(404, 'not_found', 'No such demo control');
    if (request.method !== 'POST') return failure(405, 'method_not_allowed', 'Use POST');
    // A JSON body cannot be sent cross-site without a preflight this server never grants; the Origin check
    // says so plainly for the browsers that send one.
    const origin = request.headers.get('origin');
    if (origin !== null && origin !== deps.origin) {
      return failure(403, 'cross_site_request', 'Expire links from the demo page itself');
    }
    if (!(request.headers.get('content-type') ?? '').startsWith('application/json')) {
      return failure(415, 'unsupported_media_type', 'Send a JSON body: {"status":"invalid"}');
    }
    const text = await request.text();
    if (text.length > 1024) return failure(413, 'payload_too_large', 'The body is one small JSON object');
    const body = readBody(text);
    if (body === 'invalid_json') return failure(400, 'invalid_json', 'The body is not JSON');
    if (body === null) {
      return failure(400, 'invalid_request', `status must be one of ${EXPIRED_LINK_STATUSES.join(', ')}`);
    }
    const user = authenticateDemoUser(request);
    const providerId = user === null ? null : await deps.providerAccountIdOf(user.id, match[1]);
    if (providerId === null) return failure(404, 'not_found', 'No such account');
    let link;
    try {
      link = deps.sandbox.expireLink(providerId, { status: body.status ?? 'invalid' });
    } catch {
      // The sandbox's state was deleted while the database kept the account.
      return failure(404, 'not_found', 'The sandbox no longer knows this account: link it again');
    }
    return Response.json(
      { status: link.status, since: link.since },
      { headers: { 'cache-control': 'no-store' } },
    );
  };
}

/** The request body, `invalid_json`, or null when it is JSON but not an {@link ExpireRequest}. */
function readBody(text: string): ExpireRequest | 'invalid_json' | null {
  if (text.trim() === '') return {};
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return 'invalid_json';
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return null;
  const { status, ...rest } = body as { status?: unknown };
  if (Object.keys(rest).length > 0) return null;
  if (status === undefined) return {};
  return (EXPIRED_LINK_STATUSES as readonly unknown[]).includes(status)
    ? { status: status as ExpiredLinkStatus }
    : null;
}

function failure(status: number, code: ApiErrorCode, message: string): Response {
  return Response.json({ error: { code, message } }, { status, headers: { 'cache-control': 'no-store' } });
}
