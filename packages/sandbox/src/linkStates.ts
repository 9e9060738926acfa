/**
 * What a link can decay into. The provider documents none of this (Flick's checklist only says to watch
 * `invalid` and `token_required`), so the sandbox offers each status in two reply shapes for clients to
 * recognise.
 *
 * @example
 * sandbox.expireLink(accountId, { status: EXPIRED_LINK_STATUSES[1] }); // 'token_required'
 */
export const EXPIRED_LINK_STATUSES = [
  'invalid',
  'token_required',
  'disconnected',
  'consent_expired',
] as const;

/**
 * A status that stops the link working until its user signs in again.
 *
 * @example
 * const status: ExpiredLinkStatus = 'consent_expired';
 */
export type ExpiredLinkStatus = (typeof EXPIRED_LINK_STATUSES)[number];

/**
 * A link's status: `active`, or one of {@link EXPIRED_LINK_STATUSES}.
 *
 * @example
 * if (sandbox.linkStatus(accountId).status !== 'active') reconnect();
 */
export type LinkStatus = 'active' | ExpiredLinkStatus;

/**
 * How a billed call on an expired link answers: `error-type` (a 400 with `type`, no record) or
 * `callback-status` (a record that fails, its callback and webhook carrying the status).
 *
 * @example
 * sandbox.expireLink(accountId, { shape: LINK_REPLY_SHAPES[1] }); // 'callback-status'
 */
export const LINK_REPLY_SHAPES = ['error-type', 'callback-status'] as const;

/**
 * One of {@link LINK_REPLY_SHAPES}.
 *
 * @example
 * const shape: LinkReplyShape = 'error-type';
 */
export type LinkReplyShape = (typeof LINK_REPLY_SHAPES)[number];

/**
 * A link as the control route and `sandbox.linkStatus()` show it: `since` is when this status began (the
 * link or re-authentication for `active`, the moment it expired otherwise).
 *
 * @example
 * const { status, shape, since } = sandbox.linkStatus(accountId);
 */
export interface LinkState {
  status: LinkStatus;
  /** How billed calls answer while the link is not active. */
  shape: LinkReplyShape;
  since: string;
}

/** The error `type` of the `error-type` shape, per status. */
export const LINK_ERROR_TYPES: Readonly<Record<ExpiredLinkStatus, string>> = {
  invalid: 'INVALID_CREDENTIALS',
  token_required: 'TOKEN_REQUIRED',
  disconnected: 'DISCONNECTED',
  consent_expired: 'CONSENT_EXPIRED',
};

/** The sentence each status answers with: what happened and what the customer must do. */
export const LINK_MESSAGES: Readonly<Record<ExpiredLinkStatus, string>> = {
  invalid: 'The bank refused the saved login for this account: the customer must sign in to the bank again.',
  token_required:
    'The bank asks for a one-time password for this account: the customer must sign in again and enter it.',
  disconnected: 'This account was disconnected from the bank: the customer must sign in to reconnect it.',
  consent_expired:
    "The customer's consent for this account has expired: they must sign in again to renew it.",
};
