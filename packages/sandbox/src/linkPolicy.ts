import type { LinkDoc } from './docs.ts';
import type { ExpiredLinkStatus, LinkReplyShape } from './linkStates.ts';

/**
 * When links decay on their own (`startSandbox({ links })`). By default they never do; `expireLink` and the
 * control route expire one at any time.
 *
 * @example
 * await startSandbox({ links: { expireAfterRefreshes: 3, expireStatus: 'token_required', expireShape: 'callback-status' } });
 */
export interface LinkOptions {
  /** A link expires this many ms after it was made or re-authenticated. Default: never. */
  expireAfterMs?: number;
  /** A link expires once this many billed calls (refresh or check) were made on it. Default: never. */
  expireAfterRefreshes?: number;
  /** The status an expiring link takes. Default `invalid`. */
  expireStatus?: ExpiredLinkStatus;
  /** How billed calls on an expired link answer. Default `error-type`. */
  expireShape?: LinkReplyShape;
}

/** {@link LinkOptions} with the defaults filled in. */
export interface LinkPolicy {
  expireAfterMs: number | null;
  expireAfterRefreshes: number | null;
  expireStatus: ExpiredLinkStatus;
  expireShape: LinkReplyShape;
}

/** Checks the options and fills in the defaults; a bad number throws with the fix. */
export function resolveLinkPolicy(options: LinkOptions = {}): LinkPolicy {
  return {
    expireAfterMs: positive(options.expireAfterMs, 'links.expireAfterMs'),
    expireAfterRefreshes: positive(options.expireAfterRefreshes, 'links.expireAfterRefreshes'),
    expireStatus: options.expireStatus ?? 'invalid',
    expireShape: options.expireShape ?? 'error-type',
  };
}

/** A link that has just been made (or re-authenticated) at `at`. */
export function freshLink(policy: LinkPolicy, at: string): LinkDoc {
  return { status: 'active', shape: policy.expireShape, since: at, billedCalls: 0 };
}

/**
 * The link as it stands at `now`: an active link past `expireAfterMs` has expired at its deadline. Worked out
 * when read rather than by a timer, so no timer lags and a stopped sandbox catches up on restart.
 */
export function linkAt(link: LinkDoc, policy: LinkPolicy, now: number): LinkDoc {
  if (link.status !== 'active' || policy.expireAfterMs === null) return link;
  const deadline = Date.parse(link.since) + policy.expireAfterMs;
  if (now < deadline) return link;
  return {
    status: policy.expireStatus,
    shape: policy.expireShape,
    since: new Date(deadline).toISOString(),
    billedCalls: link.billedCalls,
  };
}

function positive(value: number | undefined, name: string): number | null {
  if (value === undefined) return null;
  if (Number.isSafeInteger(value) && value >= 1) return value;
  throw new RangeError(`${name} must be a whole number of at least 1, got ${String(value)}`);
}
