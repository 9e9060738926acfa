/** Our own model: what the server stores and the browser shows. Amounts are integer minor units. */

export interface Bank {
  id: string;
  name: string;
  logo?: string;
  icon?: string;
  /** A brand colour (CSS), where the provider gives one. */
  color?: string;
}

export interface Balance {
  /** Available balance in minor units (kobo). Null when the bank gave none and nothing could be derived. */
  available: number | null;
  /** True when `available` was computed from the ledger and pending transactions, not reported by the bank. */
  derived: boolean;
  /** Ledger (closing) balance in minor units. Ignores pending transactions. */
  ledger: number;
  /** ISO 4217 code, e.g. `NGN`. */
  currency: string;
  /** ISO time the bank's figures are from. */
  asOf: string;
  /** ISO time a balance check last ran for this account, or null if none has. */
  lastCheckedAt: string | null;
}

/** One stored balance, for history. */
export interface BalanceSnapshot extends Balance {
  id: string;
  /** ISO time we stored it. */
  recordedAt: string;
}

export type RefreshStrategy = 'refresh' | 'check-first';

/**
 * A refresh job's life: `queued` → `requesting` (asking the provider) → `waiting` (the bank is answering,
 * minutes) → `reading` (fetching the new balance) → one of the terminal states.
 */
export type RefreshJobState =
  'queued' | 'requesting' | 'waiting' | 'reading' | 'succeeded' | 'unchanged' | 'failed';

export const TERMINAL_JOB_STATES: readonly RefreshJobState[] = ['succeeded', 'unchanged', 'failed'];

/** Why a refresh job failed. Stable: the UI keys its messages on these. */
export const REFRESH_FAILURE_REASONS = [
  'deadline_exceeded',
  'rate_limited',
  'bank_unavailable',
  'provider_error',
  'provider_rejected',
  'unsafe_callback_url',
  'account_unavailable',
  'needs_reauth',
] as const;

export type RefreshFailureReason = (typeof REFRESH_FAILURE_REASONS)[number];

export interface RefreshJob {
  id: string;
  accountId: string;
  strategy: RefreshStrategy;
  state: RefreshJobState;
  /** Set by a check: whether the bank reported a change. Null before the check answers, or without a check. */
  balanceChanged: boolean | null;
  failure: { reason: RefreshFailureReason; message: string } | null;
  createdAt: string;
  updatedAt: string;
  /** When the job must settle by; past it, it fails with `deadline_exceeded`. */
  deadlineAt: string;
  settledAt: string | null;
}

export interface LinkedAccount {
  /** Our id for the account: use it in every route. */
  id: string;
  name: string;
  /** The account number with all but the last four digits masked, e.g. `******6789`. */
  maskedNuban: string;
  bank: Bank;
  currency: string;
  /** ISO time the account was linked. */
  linkedAt: string;
  /** The latest stored balance, or null before the first one arrives. */
  balance: Balance | null;
  /** A refresh that has not settled yet, if any. */
  refresh: RefreshJob | null;
  /** The latest refresh job, settled or not (what `GET /accounts/:id/balance` calls `job`). */
  job: RefreshJob | null;
  /** Whether the link still works, or needs its user to sign in to the bank again. */
  health: LinkHealth;
  /** When the account refreshes on its own. */
  schedule: RefreshSchedule;
}

/** Why a link needs its user again. Stable: the UI keys its messages on these. */
export const REAUTH_REASONS = [
  /** The bank refused the saved credentials (a changed password). */
  'invalid_credentials',
  /** The bank asks for a one-time password or token the user must type. */
  'token_required',
  /** The link was disconnected, by the user at the bank or by the provider. */
  'disconnected',
  /** The consent the user gave has run out. */
  'consent_expired',
] as const;

export type ReauthReason = (typeof REAUTH_REASONS)[number];

/**
 * A link's health. `needs_reauth`: the provider said the link needs its user; refreshes are refused (no billed
 * call) until the user reconnects through the widget in re-authentication mode.
 */
export type LinkHealth =
  { state: 'ok' } | { state: 'needs_reauth'; reason: ReauthReason; message: string; since: string };

/** An account's periodic refresh. */
export interface RefreshSchedule {
  /** Hours between scheduled refreshes, or null when off. */
  everyHours: number | null;
  /** `route`: the route's default; `account`: set for this account. */
  source: 'route' | 'account';
  /** ISO time of the next scheduled refresh, or null when off or paused (a link that needs its user). */
  nextAt: string | null;
}

/** A time the link was broken: no balances arrived between `from` and `to` (null: still broken). */
export interface LinkOutage {
  from: string;
  to: string | null;
  reason: ReauthReason;
}

/** True when the job will change no more. */
export function isSettled(job: Pick<RefreshJob, 'state'>): boolean {
  return TERMINAL_JOB_STATES.includes(job.state);
}

/**
 * Masks an account number for display, keeping the last four digits.
 *
 * @example
 * maskNuban('0123456789'); // '******6789'
 */
export function maskNuban(nuban: string): string {
  const digits = nuban.replace(/\s+/g, '');
  if (digits.length <= 4) return '*'.repeat(digits.length);
  return '*'.repeat(digits.length - 4) + digits.slice(-4);
}
