import { setLastChecked } from './accountQueries.ts';
import { markNeedsReauth } from './healthQueries.ts';
import { emitEvent } from './eventQueries.ts';
import { iso, toJob } from './rows.ts';
import { insertPeriodic, insertSnapshot } from './snapshotQueries.ts';
import type { SqlClient } from './SqlClient.ts';
import {
  stateOfStep,
  type RequestRefreshInput,
  type RetentionPolicy,
  type StepCommit,
  type StoredJob,
  type SweepResult,
} from './Store.ts';
import type { StoreEvent } from './StoreEvent.ts';

/**
 * Inserts a job unless one is unsettled or settled inside the debounce window, then returns that one. A job
 * that failed because the link needed its user is not joined: the bank refused it at sign-in, and a refresh
 * asked for after the reconnect must really run. The partial unique index (one unsettled job per provider
 * account) settles races between processes: a concurrent insert waits for the first and then does nothing.
 */
export async function requestRefresh(
  sql: SqlClient,
  input: RequestRefreshInput,
  emitted: StoreEvent[],
): Promise<{ job: StoredJob; joined: boolean }> {
  const windowStart = iso(Date.parse(input.now) - input.debounceMs);
  for (let tries = 0; tries < 5; tries++) {
    const created = await sql.transaction(async (tx) => {
      const rows = await insertJob(tx, input, windowStart);
      if (rows[0] !== undefined) {
        // A new job moves the account's next scheduled refresh on: it counts from now.
        await tx.query(
          `UPDATE okra_accounts SET scheduled_from = $2 WHERE upstream_key = $1 AND scheduled_from < $2`,
          [input.upstreamKey, input.now],
        );
        await emitEvent(tx, emitted, 'account', input.upstreamKey, input.now);
      }
      return rows[0];
    });
    if (created !== undefined) return { job: toJob(created), joined: false };
    const existing = await sql.query(
      `SELECT * FROM okra_refresh_jobs WHERE upstream_key = $1 AND (settled_at IS NULL OR (settled_at > $2
         AND failure_reason IS DISTINCT FROM 'needs_reauth'))
       ORDER BY (settled_at IS NULL) DESC, created_at DESC LIMIT 1`,
      [input.upstreamKey, windowStart],
    );
    if (existing[0] !== undefined) return { job: toJob(existing[0]), joined: true };
    // The job we collided with settled and left the window between the two statements: try again.
  }
  throw new Error('Could not create or join a refresh job after 5 tries');
}

function insertJob(sql: SqlClient, input: RequestRefreshInput, windowStart: string) {
  return sql.query(
    `INSERT INTO okra_refresh_jobs (id, upstream_key, provider_account_id, strategy, step, state,
         created_at, updated_at, deadline_at, next_run_at)
       SELECT $1, $2, $3, $4, $5, 'queued', $6, $6, $7, $6
       WHERE NOT EXISTS (
         SELECT 1 FROM okra_refresh_jobs WHERE upstream_key = $2 AND (settled_at IS NULL OR (settled_at > $8
           AND failure_reason IS DISTINCT FROM 'needs_reauth'))
       )
       ON CONFLICT (upstream_key) WHERE settled_at IS NULL DO NOTHING
       RETURNING *`,
    [
      input.jobId,
      input.upstreamKey,
      input.providerAccountId,
      input.strategy,
      input.strategy === 'check-first' ? 'check' : 'refresh',
      input.now,
      input.deadlineAt,
      windowStart,
    ],
  );
}

export async function getJob(sql: SqlClient, upstreamKey: string, jobId: string): Promise<StoredJob | null> {
  const rows = await sql.query(`SELECT * FROM okra_refresh_jobs WHERE id = $1 AND upstream_key = $2`, [
    jobId,
    upstreamKey,
  ]);
  return rows[0] === undefined ? null : toJob(rows[0]);
}

/** The newest job of each account, settled or not, in one query; accounts with none are absent. */
export async function latestJobs(
  sql: SqlClient,
  upstreamKeys: readonly string[],
): Promise<Map<string, StoredJob>> {
  if (upstreamKeys.length === 0) return new Map();
  const rows = await sql.query(
    `SELECT DISTINCT ON (upstream_key) * FROM okra_refresh_jobs WHERE upstream_key = ANY($1::text[])
     ORDER BY upstream_key, created_at DESC, id DESC`,
    [upstreamKeys],
  );
  return new Map(rows.map((row) => [String(row.upstream_key), toJob(row)]));
}

/** Leases due jobs; SKIP LOCKED and the lease columns keep two processes off the same job. */
export async function claimJobs(
  sql: SqlClient,
  owner: string,
  now: string,
  leasedUntil: string,
  limit: number,
  upstreamKeys: readonly string[] | null,
): Promise<StoredJob[]> {
  const rows = await sql.query(
    `UPDATE okra_refresh_jobs SET lease_owner = $1, leased_until = $2, webhook_pending = false
     WHERE id IN (
       SELECT id FROM okra_refresh_jobs
       WHERE settled_at IS NULL AND (next_run_at <= $3 OR deadline_at <= $3)
         AND (leased_until IS NULL OR leased_until <= $3)
         AND ($5::text[] IS NULL OR upstream_key = ANY($5::text[]))
       ORDER BY next_run_at LIMIT $4
       FOR UPDATE SKIP LOCKED
     )
     RETURNING *`,
    [owner, leasedUntil, now, limit, upstreamKeys],
  );
  return rows.map(toJob);
}

export async function renewLease(
  sql: SqlClient,
  jobId: string,
  owner: string,
  leasedUntil: string,
): Promise<boolean> {
  const rows = await sql.query(
    `UPDATE okra_refresh_jobs SET leased_until = $3
     WHERE id = $1 AND lease_owner = $2 AND settled_at IS NULL RETURNING id`,
    [jobId, owner, leasedUntil],
  );
  return rows.length > 0;
}

/**
 * One step's writes in one transaction. The job row is written first, and only where `owner` holds it: that
 * locks the row, so nothing else writes for this job until the commit, and a stale owner writes nothing.
 */
export function commitStep(sql: SqlClient, commit: StepCommit, emitted: StoreEvent[]): Promise<boolean> {
  return sql.transaction(async (tx) => {
    if (!(await writeJob(tx, commit))) return false;
    const { job, balance, lastCheckedAt, now } = commit;
    if (balance !== undefined) {
      await insertSnapshot(tx, job.upstreamKey, balance.balance, balance.raw, now, job.id);
      await insertPeriodic(tx, job.upstreamKey, balance.periodic ?? []);
    }
    if (lastCheckedAt !== undefined) await setLastChecked(tx, job.upstreamKey, lastCheckedAt);
    if (commit.reauth !== undefined) await markNeedsReauth(tx, [job.upstreamKey], commit.reauth, []);
    await emitEvent(tx, emitted, 'account', job.upstreamKey, now);
    return true;
  });
}

// On release, a webhook that nudged the job during the step, or one for a record the job only now learned,
// makes it due at once; otherwise it runs at the time the engine chose.
async function writeJob(sql: SqlClient, { job, owner, release, now }: StepCommit): Promise<boolean> {
  const rows = await sql.query(
    `UPDATE okra_refresh_jobs SET step = $3, state = $4, balance_changed = $5, failure_reason = $6,
       failure_message = $7, record_id = $8, callback_url = $9, attempt = $10, last_error_kind = $11,
       intent_at = $12, lost_calls = $13, updated_at = $14, settled_at = $15,
       next_run_at = CASE
         WHEN $16 AND $15::timestamptz IS NULL AND (webhook_pending OR ($8::text IS NOT NULL
           AND record_id IS DISTINCT FROM $8::text
           AND EXISTS (SELECT 1 FROM okra_webhook_events e WHERE e.record_id = $8::text)))
         THEN $14::timestamptz ELSE $17::timestamptz END,
       webhook_pending = webhook_pending AND NOT $16,
       leased_until = CASE WHEN $16 THEN NULL ELSE leased_until END,
       lease_owner = CASE WHEN $16 THEN NULL ELSE lease_owner END
     WHERE id = $1 AND lease_owner = $2
     RETURNING id`,
    [
      job.id,
      owner,
      job.step,
      stateOfStep(job.step),
      job.balanceChanged,
      job.failure?.reason ?? null,
      job.failure?.message ?? null,
      job.recordId,
      job.callbackUrl,
      job.attempt,
      job.lastErrorKind,
      job.intentAt,
      job.lostCalls,
      now,
      job.settledAt,
      release,
      job.nextRunAt,
    ],
  );
  return rows.length > 0;
}

export async function nextDueAt(sql: SqlClient): Promise<string | null> {
  const rows = await sql.query<{ due: unknown }>(
    `SELECT min(GREATEST(LEAST(next_run_at, deadline_at), COALESCE(leased_until, next_run_at))) AS due
     FROM okra_refresh_jobs WHERE settled_at IS NULL`,
  );
  const due = rows[0]?.due;
  return due === null || due === undefined ? null : iso(due);
}

/**
 * Makes the unsettled jobs waiting on the record due now, each at most once per `minGapMs` and never during a
 * rate-limit wait (a webhook must not make us ask sooner than the provider allowed); returns their keys.
 */
export async function nudgeRecord(
  sql: SqlClient,
  recordId: string,
  now: string,
  options: { minGapMs: number; upstreamKeys?: readonly string[] },
): Promise<string[]> {
  const rows = await sql.query<{ upstream_key: string }>(
    `UPDATE okra_refresh_jobs SET webhook_pending = true, next_run_at = LEAST(next_run_at, $2), nudged_at = $2
     WHERE record_id = $1 AND settled_at IS NULL
       AND last_error_kind IS DISTINCT FROM 'rate_limited'
       AND (nudged_at IS NULL OR nudged_at <= $2::timestamptz - $3 * interval '1 millisecond')
       AND ($4::text[] IS NULL OR upstream_key = ANY($4::text[]))
     RETURNING upstream_key`,
    [recordId, now, options.minGapMs, options.upstreamKeys ?? null],
  );
  return rows.map((row) => row.upstream_key);
}

/** Deletes expired link tokens, old webhook events and old settled jobs (each account's newest kept). */
export function sweep(sql: SqlClient, now: string, policy: RetentionPolicy): Promise<SweepResult> {
  const before = (ms: number) => new Date(Date.parse(now) - ms).toISOString();
  return sql.transaction(async (tx) => {
    const linkTokens = await tx.query(
      `DELETE FROM okra_link_tokens WHERE expires_at < $1 RETURNING token_hash`,
      [before(policy.linkTokensMs)],
    );
    const webhookEvents = await tx.query(
      `DELETE FROM okra_webhook_events WHERE received_at < $1 RETURNING event_key`,
      [before(policy.webhookEventsMs)],
    );
    const jobs = await tx.query(
      `DELETE FROM okra_refresh_jobs j WHERE settled_at IS NOT NULL AND settled_at < $1
         AND EXISTS (SELECT 1 FROM okra_refresh_jobs newer WHERE newer.upstream_key = j.upstream_key
           AND (newer.created_at, newer.id) > (j.created_at, j.id))
       RETURNING id`,
      [before(policy.jobsMs)],
    );
    // The newest event stays, so the log always tells how far it goes (a resuming stream compares its id).
    const events = await tx.query(
      `DELETE FROM okra_events WHERE at < $1 AND seq < (SELECT max(seq) FROM okra_events) RETURNING seq`,
      [before(policy.eventsMs)],
    );
    return {
      linkTokens: linkTokens.length,
      webhookEvents: webhookEvents.length,
      jobs: jobs.length,
      events: events.length,
    };
  });
}
