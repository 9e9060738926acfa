/** One schema change. Never edit a released migration: add the next one. */
export interface Migration {
  version: number;
  name: string;
  /** Run in order, in one transaction. One statement per entry, so PGlite and `pg` run the same text. */
  statements: readonly string[];
}

/**
 * The schema, as versioned migrations. Tables carry an `okra_` prefix so they sit beside an app's own.
 * Times are `timestamptz`; amounts are `bigint` minor units; provider objects are kept whole in `jsonb`.
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'links, accounts, balances, refresh jobs, link tokens, webhook events',
    statements: [
      `CREATE TABLE okra_link_tokens (
        token_hash text PRIMARY KEY,
        user_id text NOT NULL,
        created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        used_at timestamptz
      )`,
      `CREATE TABLE okra_links (
        id text PRIMARY KEY,
        user_id text NOT NULL,
        provider text NOT NULL,
        customer_id text,
        record_id text,
        token_hash text NOT NULL REFERENCES okra_link_tokens (token_hash),
        created_at timestamptz NOT NULL
      )`,
      `CREATE INDEX okra_links_user ON okra_links (user_id)`,
      `CREATE TABLE okra_accounts (
        id text PRIMARY KEY,
        user_id text NOT NULL,
        link_id text NOT NULL REFERENCES okra_links (id),
        provider text NOT NULL,
        provider_account_id text NOT NULL,
        upstream_key text NOT NULL,
        customer_id text,
        name text NOT NULL,
        nuban text NOT NULL,
        bank jsonb NOT NULL,
        currency text NOT NULL,
        raw jsonb NOT NULL,
        linked_at timestamptz NOT NULL,
        last_checked_at timestamptz,
        UNIQUE (user_id, upstream_key)
      )`,
      `CREATE INDEX okra_accounts_upstream ON okra_accounts (upstream_key)`,
      `CREATE TABLE okra_balance_snapshots (
        id text PRIMARY KEY,
        upstream_key text NOT NULL,
        available bigint,
        derived boolean NOT NULL,
        ledger bigint NOT NULL,
        currency text NOT NULL,
        as_of timestamptz NOT NULL,
        last_checked_at timestamptz,
        recorded_at timestamptz NOT NULL,
        job_id text,
        raw jsonb NOT NULL
      )`,
      `CREATE INDEX okra_balance_snapshots_latest ON okra_balance_snapshots (upstream_key, recorded_at DESC, id DESC)`,
      `CREATE TABLE okra_refresh_jobs (
        id text PRIMARY KEY,
        upstream_key text NOT NULL,
        provider_account_id text NOT NULL,
        strategy text NOT NULL,
        phase text NOT NULL,
        state text NOT NULL,
        balance_changed boolean,
        failure_reason text,
        failure_message text,
        record_id text,
        callback_url text,
        attempt integer NOT NULL DEFAULT 0,
        last_error_kind text,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        deadline_at timestamptz NOT NULL,
        settled_at timestamptz,
        next_run_at timestamptz NOT NULL,
        leased_until timestamptz,
        lease_owner text,
        webhook_pending boolean NOT NULL DEFAULT false
      )`,
      // At most one unsettled job per provider account: the database itself enforces the dedupe.
      `CREATE UNIQUE INDEX okra_refresh_jobs_one_active ON okra_refresh_jobs (upstream_key) WHERE settled_at IS NULL`,
      `CREATE INDEX okra_refresh_jobs_due ON okra_refresh_jobs (next_run_at) WHERE settled_at IS NULL`,
      `CREATE INDEX okra_refresh_jobs_record ON okra_refresh_jobs (record_id) WHERE settled_at IS NULL`,
      `CREATE INDEX okra_refresh_jobs_latest ON okra_refresh_jobs (upstream_key, created_at DESC)`,
      `CREATE TABLE okra_webhook_events (
        provider text NOT NULL,
        event_key text NOT NULL,
        record_id text,
        received_at timestamptz NOT NULL,
        body jsonb NOT NULL,
        PRIMARY KEY (provider, event_key)
      )`,
      `CREATE INDEX okra_webhook_events_record ON okra_webhook_events (record_id)`,
    ],
  },
  {
    version: 2,
    name: 'one step column for refresh jobs, the intent before a billed call, one snapshot per job',
    statements: [
      `ALTER TABLE okra_refresh_jobs ADD COLUMN step text`,
      // The old (state, phase) pair, folded into one step: `requesting` is a billed call whose answer is unknown.
      `UPDATE okra_refresh_jobs SET step = CASE
        WHEN state IN ('succeeded', 'unchanged', 'failed') THEN state
        WHEN state = 'queued' THEN phase
        WHEN state = 'requesting' THEN phase || 'ing'
        WHEN state = 'waiting' THEN phase || '_waiting'
        ELSE 'reading' END`,
      `ALTER TABLE okra_refresh_jobs ALTER COLUMN step SET NOT NULL`,
      `ALTER TABLE okra_refresh_jobs DROP COLUMN phase`,
      `ALTER TABLE okra_refresh_jobs ADD COLUMN intent_at timestamptz`,
      `ALTER TABLE okra_refresh_jobs ADD COLUMN lost_calls integer NOT NULL DEFAULT 0`,
      // A stale worker could once store a job's balance twice: keep the first, then let the database refuse more.
      `DELETE FROM okra_balance_snapshots later USING okra_balance_snapshots first
        WHERE later.job_id = first.job_id AND (later.recorded_at, later.id) > (first.recorded_at, first.id)`,
      `CREATE UNIQUE INDEX okra_balance_snapshots_one_per_job ON okra_balance_snapshots (job_id)
        WHERE job_id IS NOT NULL`,
    ],
  },
  {
    version: 3,
    name: 'link attempts and webhook keys, one webhook wake per poll interval, retention',
    statements: [
      `ALTER TABLE okra_link_tokens ADD COLUMN attempts integer NOT NULL DEFAULT 0`,
      `ALTER TABLE okra_link_tokens ADD COLUMN hook_hash text`,
      `ALTER TABLE okra_links ADD COLUMN hook_hash text`,
      `CREATE INDEX okra_links_hook ON okra_links (hook_hash) WHERE hook_hash IS NOT NULL`,
      `CREATE INDEX okra_link_tokens_hook ON okra_link_tokens (hook_hash) WHERE hook_hash IS NOT NULL`,
      // A link keeps the hash of the token it used; the token row itself may be swept away.
      `ALTER TABLE okra_links DROP CONSTRAINT IF EXISTS okra_links_token_hash_fkey`,
      `CREATE INDEX okra_link_tokens_expires ON okra_link_tokens (expires_at)`,
      `ALTER TABLE okra_refresh_jobs ADD COLUMN nudged_at timestamptz`,
      `CREATE INDEX okra_refresh_jobs_settled ON okra_refresh_jobs (settled_at) WHERE settled_at IS NOT NULL`,
      `CREATE INDEX okra_webhook_events_received ON okra_webhook_events (received_at)`,
    ],
  },
  {
    version: 4,
    name: 'change events, for live streams and read caches in every process',
    statements: [
      // One row per change a browser can see: `account` (an upstream account's job or balance; key = upstream
      // key) or `accounts` (a user's list; key = user id). `seq` is the resume point streams hand out.
      `CREATE TABLE okra_events (
        seq bigserial PRIMARY KEY,
        kind text NOT NULL,
        key text NOT NULL,
        at timestamptz NOT NULL
      )`,
      `CREATE INDEX okra_events_key ON okra_events (key, seq)`,
      `CREATE INDEX okra_events_at ON okra_events (at)`,
    ],
  },
  {
    version: 5,
    name: 'link health and outages, re-authentication tokens, periodic refresh schedules',
    statements: [
      // Null while the link works; set (on every row of the provider account) while it needs its user.
      `ALTER TABLE okra_accounts ADD COLUMN reauth_reason text`,
      `ALTER TABLE okra_accounts ADD COLUMN reauth_message text`,
      `ALTER TABLE okra_accounts ADD COLUMN reauth_since timestamptz`,
      // Null hours with source 'route': the route's default; with source 'account': off for this account.
      `ALTER TABLE okra_accounts ADD COLUMN schedule_source text NOT NULL DEFAULT 'route'`,
      `ALTER TABLE okra_accounts ADD COLUMN schedule_hours integer`,
      // The next scheduled refresh counts from here: the last refresh asked for, or the link.
      `ALTER TABLE okra_accounts ADD COLUMN scheduled_from timestamptz`,
      `UPDATE okra_accounts SET scheduled_from = linked_at`,
      `ALTER TABLE okra_accounts ALTER COLUMN scheduled_from SET NOT NULL`,
      // Each account's own place in [-1, 1] of the jitter, so accounts linked together do not refresh together.
      `ALTER TABLE okra_accounts ADD COLUMN schedule_seed double precision NOT NULL DEFAULT (random() * 2 - 1)`,
      `CREATE INDEX okra_accounts_scheduled ON okra_accounts (scheduled_from) WHERE reauth_since IS NULL`,
      `CREATE TABLE okra_link_outages (
        id text PRIMARY KEY,
        upstream_key text NOT NULL,
        reason text NOT NULL,
        from_at timestamptz NOT NULL,
        to_at timestamptz
      )`,
      `CREATE UNIQUE INDEX okra_link_outages_open ON okra_link_outages (upstream_key) WHERE to_at IS NULL`,
      `CREATE INDEX okra_link_outages_latest ON okra_link_outages (upstream_key, from_at DESC)`,
      // A token for re-authentication names the account (our id) it may reconnect.
      `ALTER TABLE okra_link_tokens ADD COLUMN reauth_account_id text`,
    ],
  },
];
