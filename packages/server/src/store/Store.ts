import type {
  Balance,
  BalanceSnapshot,
  Bank,
  RefreshFailureReason,
  RefreshJobState,
  RefreshStrategy,
} from '@okra-balance/core';

/** A link token as stored: only its hash is kept, so a database leak hands out no usable tokens. */
export interface StoredLinkToken {
  tokenHash: string;
  userId: string;
  createdAt: string;
  expiresAt: string;
  usedAt: string | null;
}

/** An account a user linked. `upstreamKey` names the provider's account; jobs and balances hang off it. */
export interface StoredAccount {
  id: string;
  userId: string;
  linkId: string;
  provider: string;
  providerAccountId: string;
  upstreamKey: string;
  customerId: string | null;
  name: string;
  nuban: string;
  bank: Bank;
  currency: string;
  linkedAt: string;
  lastCheckedAt: string | null;
}

/** An account confirmed by the provider, to store for a user, with its first balance if it had one. */
export interface NewAccount {
  providerAccountId: string;
  customerId: string | null;
  name: string;
  nuban: string;
  bank: Bank;
  currency: string;
  /** The provider's account object, unknown fields kept. */
  raw: unknown;
  firstBalance: { balance: Balance; raw: unknown } | null;
}

export interface SaveLinkInput {
  tokenHash: string;
  userId: string;
  provider: string;
  customerId: string | null;
  recordId: string | null;
  accounts: NewAccount[];
  now: string;
}

/** Which step of a strategy a job is in: a check-first job moves from `check` to `refresh` when it changed. */
export type JobPhase = 'check' | 'refresh';

/** A refresh job with what the engine needs to resume it after a restart. */
export interface StoredJob {
  id: string;
  upstreamKey: string;
  providerAccountId: string;
  strategy: RefreshStrategy;
  phase: JobPhase;
  state: RefreshJobState;
  balanceChanged: boolean | null;
  failure: { reason: RefreshFailureReason; message: string } | null;
  recordId: string | null;
  callbackUrl: string | null;
  /** Polls or retries made in the current step, for backoff. */
  attempt: number;
  /** The kind of the last provider error, to name the failure at the deadline. */
  lastErrorKind: string | null;
  createdAt: string;
  updatedAt: string;
  deadlineAt: string;
  settledAt: string | null;
  nextRunAt: string;
}

export interface RequestRefreshInput {
  jobId: string;
  upstreamKey: string;
  providerAccountId: string;
  strategy: RefreshStrategy;
  now: string;
  deadlineAt: string;
  /** A job settled less than this long ago is joined instead of starting another. */
  debounceMs: number;
}

/** The result of saving a link: the accounts, or why the token could not be used. */
export type SaveLinkResult = { accounts: StoredAccount[] } | { refused: 'used' | 'invalid' };

/**
 * Where the route keeps its state. Two SQL implementations ship (PGlite, PostgreSQL); implement this to back
 * it with your own tables. Every method must be safe to call from several processes on one database.
 */
export interface Store {
  createLinkToken(token: StoredLinkToken): Promise<void>;
  findLinkToken(tokenHash: string): Promise<StoredLinkToken | null>;
  /** Marks the token used and stores the accounts, atomically; refuses a token already used or not the user's. */
  saveLink(input: SaveLinkInput): Promise<SaveLinkResult>;

  listAccounts(userId: string): Promise<StoredAccount[]>;
  /** The account if it exists and belongs to the user; null otherwise (the two are not told apart). */
  getAccount(userId: string, accountId: string): Promise<StoredAccount | null>;
  /** Deletes the user's account; drops its balances and jobs when no other user holds that account. */
  deleteAccount(userId: string, accountId: string): Promise<boolean>;

  latestSnapshot(upstreamKey: string): Promise<BalanceSnapshot | null>;
  /** The newest snapshot of each account at once (a list of accounts must not cost a query per account). */
  latestSnapshots(upstreamKeys: readonly string[]): Promise<Map<string, BalanceSnapshot>>;
  /** Newest first, recorded at or after `since`. */
  listSnapshots(upstreamKey: string, since: string, limit: number): Promise<BalanceSnapshot[]>;
  addSnapshot(
    upstreamKey: string,
    balance: Balance,
    raw: unknown,
    now: string,
    jobId: string | null,
  ): Promise<BalanceSnapshot>;
  setLastChecked(upstreamKey: string, at: string): Promise<void>;

  /**
   * Creates a job for the account, or joins the one running or settled within `debounceMs`, atomically:
   * any number of concurrent callers, in any number of processes, get one job.
   */
  requestRefresh(input: RequestRefreshInput): Promise<{ job: StoredJob; joined: boolean }>;
  getJob(upstreamKey: string, jobId: string): Promise<StoredJob | null>;
  /** The newest job for the account, settled or not. */
  latestJob(upstreamKey: string): Promise<StoredJob | null>;
  /** The newest job of each account at once, settled or not. */
  latestJobs(upstreamKeys: readonly string[]): Promise<Map<string, StoredJob>>;
  /** Leases up to `limit` due, unsettled jobs to `owner` until `leasedUntil`; a leased job is not handed out again. */
  claimJobs(owner: string, now: string, leasedUntil: string, limit: number): Promise<StoredJob[]>;
  /**
   * Saves a job the owner holds. With `release`, the lease ends; if a webhook nudged the job meanwhile, or one
   * for its record arrived earlier, it is due at once. Returns false when the owner no longer holds it.
   */
  saveJob(job: StoredJob, owner: string, options: { release: boolean; now: string }): Promise<boolean>;
  /** The soonest `nextRunAt` among unsettled jobs, or null. */
  nextDueAt(): Promise<string | null>;
  /** Makes unsettled jobs waiting on the record due now; returns how many. */
  nudgeRecord(recordId: string, now: string): Promise<number>;

  /** Stores a webhook event once; false when the same event was stored before (a duplicate delivery). */
  recordWebhookEvent(event: {
    provider: string;
    key: string;
    recordId: string | null;
    body: unknown;
    now: string;
  }): Promise<boolean>;

  ping(): Promise<void>;
  close(): Promise<void>;
}
