import type { ProviderErrorKind } from '../provider/ProviderError.ts';
import type { ChangeFeed } from './createChangeFeed.ts';
import type {
  Balance,
  BalanceSnapshot,
  Bank,
  LinkHealth,
  LinkOutage,
  ReauthReason,
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
  /** The hash of the link's own webhook key (its webhook address), or null without one. */
  hookHash: string | null;
  /** Our id of the account this token may reconnect (a re-authentication), or null for a new link. */
  reauthAccountId?: string | null;
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
  /** Shared by every user's row of one provider account: the provider's link is one. */
  health: LinkHealth;
  schedule: StoredSchedule;
}

/** An account's periodic refresh, as stored. */
export interface StoredSchedule {
  /** `route`: the route's default hours; `account`: `hours` (null: off). */
  source: 'route' | 'account';
  hours: number | null;
  /** The next scheduled refresh counts from here: the last refresh asked for, or the link. */
  from: string;
  /** This account's place in the jitter, in [-1, 1]. */
  seed: number;
}

/** The route's schedule rules, which the store needs to find due accounts. */
export interface ScheduleRules {
  /** The route's default hours between refreshes, or null (off). */
  everyHours: number | null;
  /** Each interval is stretched by up to this fraction either way. */
  jitter: number;
  /** The length of an hour in ms (shorter in tests and demos). */
  hourMs: number;
}

/** A link that needs its user, from `since`. */
export interface ReauthMark {
  reason: ReauthReason;
  message: string;
  since: string;
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

/**
 * Where a refresh job is, as the engine sees it (the browser sees the coarser {@link RefreshJobState}). The
 * table of what may follow each step is `jobs/transition.ts`.
 *
 * - `check` / `refresh`: the next call to make is `POST /balance/check` / `POST /balance/refresh`.
 * - `checking` / `refreshing`: that billed call was sent (its intent saved first) and its answer is not
 *   stored: either it is in flight, or it was lost (a crash, a timeout) and must be found out, not repeated.
 * - `check_waiting` / `refresh_waiting`: the provider started a record; its callback is polled.
 * - `reading`: the callback said done; the new balance is being read.
 * - `succeeded`, `unchanged`, `failed`: settled.
 */
export type JobStep =
  | 'check'
  | 'checking'
  | 'check_waiting'
  | 'refresh'
  | 'refreshing'
  | 'refresh_waiting'
  | 'reading'
  | 'succeeded'
  | 'unchanged'
  | 'failed';

const STATE_OF: Record<JobStep, RefreshJobState> = {
  check: 'queued',
  refresh: 'queued',
  checking: 'requesting',
  refreshing: 'requesting',
  check_waiting: 'waiting',
  refresh_waiting: 'waiting',
  reading: 'reading',
  succeeded: 'succeeded',
  unchanged: 'unchanged',
  failed: 'failed',
};

/** The state the browser sees for a step. */
export function stateOfStep(step: JobStep): RefreshJobState {
  return STATE_OF[step];
}

/** A refresh job with what the engine needs to resume it after a restart. */
export interface StoredJob {
  id: string;
  upstreamKey: string;
  providerAccountId: string;
  strategy: RefreshStrategy;
  step: JobStep;
  balanceChanged: boolean | null;
  failure: { reason: RefreshFailureReason; message: string } | null;
  recordId: string | null;
  callbackUrl: string | null;
  /** Polls or retries made in the current step, for backoff. */
  attempt: number;
  /** The kind of the last provider error, to name the failure at the deadline. */
  lastErrorKind: ProviderErrorKind | null;
  /** When the last billed call (check or refresh) was about to be sent: saved before it is sent. */
  intentAt: string | null;
  /** Billed calls whose answer was lost and that were asked again (bounded: see `jobs/transition.ts`). */
  lostCalls: number;
  /** The token of the lease on the job (unique per claim), or null when nobody holds it. */
  leaseOwner: string | null;
  createdAt: string;
  updatedAt: string;
  deadlineAt: string;
  settledAt: string | null;
  nextRunAt: string;
}

/** What one step of a job writes, all in one transaction fenced by the lease (see {@link Store.commitStep}). */
export interface StepCommit {
  job: StoredJob;
  owner: string;
  /** End the lease (the step is over) or keep it (a call follows). */
  release: boolean;
  now: string;
  /**
   * The new balance, stored as the job's one snapshot, and the earlier balances its record carried, stored at
   * their own times where none is stored yet.
   */
  balance?: { balance: Balance; raw: unknown; periodic?: Balance[] };
  /** When a balance check last ran for the account. */
  lastCheckedAt?: string;
  /** The provider said the link needs its user: mark every row of the account and open an outage. */
  reauth?: ReauthMark;
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

/** How long rows stay after they stop mattering, in ms. */
export interface RetentionPolicy {
  /** Link tokens, after they expired (used or not). */
  linkTokensMs: number;
  /** Webhook events, after they arrived (duplicates are recognised only this long). */
  webhookEventsMs: number;
  /** Settled refresh jobs, after they settled; each account's newest job is always kept. */
  jobsMs: number;
  /** Change events, after they happened: an event stream can resume from an id this old, not older. */
  eventsMs: number;
}

export interface SweepResult {
  linkTokens: number;
  webhookEvents: number;
  jobs: number;
  events: number;
}

/** The result of saving a link: the accounts, or why the token could not be used. */
export type SaveLinkResult = { accounts: StoredAccount[] } | { refused: 'used' | 'invalid' };

/**
 * Where the route keeps its state: SQL over any {@link SqlClient} (PGlite or PostgreSQL). Internal: users hold a
 * `BalanceStore` handle and bring their own database through `SqlClient`, the one public seam. Every method
 * is safe to call from several processes on one database.
 */
export interface Store extends BalanceStore {
  /** The changes the browser can see, from this process and (with LISTEN) every other. */
  changes: ChangeFeed;
  /** The keys among `keys` changed after event `afterSeq`, and the oldest and newest seq the event log holds. */
  changedSince(
    keys: readonly string[],
    afterSeq: number,
  ): Promise<{ keys: string[]; oldest: number | null; newest: number }>;
  createLinkToken(token: StoredLinkToken): Promise<void>;
  findLinkToken(tokenHash: string): Promise<StoredLinkToken | null>;
  /** Counts one confirmation attempt of a token, atomically; returns the attempts so far (0: no such token). */
  countLinkAttempt(tokenHash: string): Promise<number>;
  /**
   * The accounts (upstream keys) of the link whose webhook key hashes to `hookHash`: an empty list while its
   * token is not used yet; null when no token or link has that key.
   */
  findHook(hookHash: string): Promise<string[] | null>;
  /**
   * Marks the token used and stores the accounts, atomically; refuses a token already used or not the user's.
   * A confirmed link works: each account's health is set back to ok and its open outage closed at `now`.
   */
  saveLink(input: SaveLinkInput): Promise<SaveLinkResult>;

  listAccounts(userId: string): Promise<StoredAccount[]>;
  /** The account if it exists and belongs to the user; null otherwise (the two are not told apart). */
  getAccount(userId: string, accountId: string): Promise<StoredAccount | null>;
  /** Deletes the user's account; drops its balances and jobs when no other user holds that account. */
  deleteAccount(userId: string, accountId: string, now: string): Promise<boolean>;

  /**
   * Marks every row of these provider accounts as needing its user and opens an outage at `mark.since`; an
   * account already marked keeps its first mark. Returns the keys newly marked.
   */
  markNeedsReauth(upstreamKeys: readonly string[], mark: ReauthMark): Promise<string[]>;
  /** The outages of a provider account that had not ended by `since`, newest first. */
  listOutages(upstreamKey: string, since: string, limit: number): Promise<LinkOutage[]>;
  /** Sets the user's account's schedule: hours, null (off) or `route` (the route's default); null: no such account. */
  setSchedule(
    userId: string,
    accountId: string,
    everyHours: number | null | 'route',
    now: string,
  ): Promise<StoredAccount | null>;
  /**
   * Takes up to `limit` accounts whose scheduled refresh is due (never one that needs its user) and moves their
   * next one on, atomically: of several processes asking at once, each account goes to one.
   */
  claimScheduledRefreshes(now: string, rules: ScheduleRules, limit: number): Promise<StoredAccount[]>;

  /** The newest snapshot of each account at once (a list of accounts must not cost a query per account). */
  latestSnapshots(upstreamKeys: readonly string[]): Promise<Map<string, BalanceSnapshot>>;
  /** Newest first, recorded at or after `since`. */
  listSnapshots(upstreamKey: string, since: string, limit: number): Promise<BalanceSnapshot[]>;

  /**
   * Creates a job for the account, or joins the one running or settled within `debounceMs`, atomically:
   * any number of concurrent callers, in any number of processes, get one job. A new job moves the account's
   * next scheduled refresh on (it counts from now).
   */
  requestRefresh(input: RequestRefreshInput): Promise<{ job: StoredJob; joined: boolean }>;
  getJob(upstreamKey: string, jobId: string): Promise<StoredJob | null>;
  /** The newest job of each account at once, settled or not. */
  latestJobs(upstreamKeys: readonly string[]): Promise<Map<string, StoredJob>>;
  /**
   * Leases up to `limit` due, unsettled jobs to `owner` until `leasedUntil` (only those of `upstreamKeys`, when
   * given); a leased job is not handed out again until its lease ends. `owner` is the fencing token every later
   * write must carry: make it unique per claim, so that a worker that claims a job again after its own lease ran
   * out does not pass for the step still running under the old lease.
   */
  claimJobs(
    owner: string,
    now: string,
    leasedUntil: string,
    limit: number,
    upstreamKeys?: readonly string[],
  ): Promise<StoredJob[]>;
  /** Extends the lease `owner` holds on the job (a heartbeat); false when the owner no longer holds it. */
  renewLease(jobId: string, owner: string, leasedUntil: string): Promise<boolean>;
  /**
   * Writes one step's results in one transaction: the job (only while `owner` holds it), its snapshot (at most
   * one per job, enforced by a unique index) and the account's last check time. Nothing is written, and false
   * comes back, when the owner no longer holds the job. On release, a job a webhook nudged meanwhile (or one for
   * a record it only now learned) is due at once.
   */
  commitStep(commit: StepCommit): Promise<boolean>;
  /** The soonest `nextRunAt` among unsettled jobs, or null. */
  nextDueAt(): Promise<string | null>;
  /**
   * Makes the unsettled jobs waiting on the record due now, each at most once per `minGapMs` and never during a
   * rate-limit wait (only those of `upstreamKeys`, when given); returns the upstream keys of those it woke.
   */
  nudgeRecord(
    recordId: string,
    now: string,
    options: { minGapMs: number; upstreamKeys?: readonly string[] },
  ): Promise<string[]>;
  /** Deletes what has outlived its use (see {@link RetentionPolicy}); returns how many rows of each. */
  sweep(now: string, policy: RetentionPolicy): Promise<SweepResult>;

  /** Stores a webhook event once; false when the same event was stored before (a duplicate delivery). */
  recordWebhookEvent(event: {
    provider: string;
    key: string;
    recordId: string | null;
    body: unknown;
    now: string;
  }): Promise<boolean>;
}

/**
 * A database the route keeps its state in, from `createPgliteStore`, `createPostgresStore` or
 * `createSqlStore`. Pass it as the route's `store`; share one between routes in one process.
 */
export interface BalanceStore {
  /** Runs a trivial query: throws when the database cannot be reached. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
