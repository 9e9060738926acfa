import { deleteAccount, getAccount, listAccounts, setLastChecked } from './accountQueries.ts';
import {
  claimJobs,
  getJob,
  latestJob,
  latestJobs,
  nextDueAt,
  nudgeRecord,
  requestRefresh,
  saveJob,
} from './jobQueries.ts';
import { createLinkToken, findLinkToken, saveLink } from './linkQueries.ts';
import { migrate } from './migrate.ts';
import { insertSnapshot, latestSnapshot, latestSnapshots, listSnapshots } from './snapshotQueries.ts';
import type { SqlClient } from './SqlClient.ts';
import type { Store } from './Store.ts';

/**
 * The {@link Store} over any {@link SqlClient}, after applying the migrations. `createPgliteStore` and
 * `createPostgresStore` are this with a driver; use it directly to bring your own connection.
 *
 * @example
 * const store = await createSqlStore(pgClient(new Pool({ connectionString })));
 */
export async function createSqlStore(sql: SqlClient): Promise<Store> {
  await migrate(sql);
  let closed: Promise<void> | null = null;
  return {
    createLinkToken: (token) => createLinkToken(sql, token),
    findLinkToken: (tokenHash) => findLinkToken(sql, tokenHash),
    saveLink: (input) => saveLink(sql, input),
    listAccounts: (userId) => listAccounts(sql, userId),
    getAccount: (userId, accountId) => getAccount(sql, userId, accountId),
    deleteAccount: (userId, accountId) => deleteAccount(sql, userId, accountId),
    latestSnapshot: (upstreamKey) => latestSnapshot(sql, upstreamKey),
    latestSnapshots: (upstreamKeys) => latestSnapshots(sql, upstreamKeys),
    listSnapshots: (upstreamKey, since, limit) => listSnapshots(sql, upstreamKey, since, limit),
    addSnapshot: (upstreamKey, balance, raw, now, jobId) =>
      insertSnapshot(sql, upstreamKey, balance, raw, now, jobId),
    setLastChecked: (upstreamKey, at) => setLastChecked(sql, upstreamKey, at),
    requestRefresh: (input) => requestRefresh(sql, input),
    getJob: (upstreamKey, jobId) => getJob(sql, upstreamKey, jobId),
    latestJob: (upstreamKey) => latestJob(sql, upstreamKey),
    latestJobs: (upstreamKeys) => latestJobs(sql, upstreamKeys),
    claimJobs: (owner, now, leasedUntil, limit) => claimJobs(sql, owner, now, leasedUntil, limit),
    saveJob: (job, owner, options) => saveJob(sql, job, owner, options),
    nextDueAt: () => nextDueAt(sql),
    nudgeRecord: (recordId, now) => nudgeRecord(sql, recordId, now),
    async recordWebhookEvent(event) {
      const rows = await sql.query(
        `INSERT INTO okra_webhook_events (provider, event_key, record_id, received_at, body)
         VALUES ($1, $2, $3, $4, $5::jsonb)
         ON CONFLICT (provider, event_key) DO NOTHING
         RETURNING event_key`,
        [event.provider, event.key, event.recordId, event.now, JSON.stringify(event.body ?? null)],
      );
      return rows.length > 0;
    },
    async ping() {
      await sql.query('SELECT 1');
    },
    close() {
      closed ??= sql.close();
      return closed;
    },
  };
}
