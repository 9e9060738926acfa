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
