import { deleteAccount, getAccount, listAccounts } from './accountQueries.ts';
import { listOutages, markNeedsReauth } from './healthQueries.ts';
import {
  claimJobs,
  commitStep,
  getJob,
  latestJobs,
  nextDueAt,
  nudgeRecord,
  renewLease,
  requestRefresh,
  sweep,
} from './jobQueries.ts';
import { createChangeFeed } from './createChangeFeed.ts';
import { changedSince } from './eventQueries.ts';
import { countLinkAttempt, createLinkToken, findHook, findLinkToken, saveLink } from './linkQueries.ts';
import { migrate } from './migrate.ts';
import { claimScheduledRefreshes, setSchedule } from './scheduleQueries.ts';
import { latestSnapshots, listSnapshots } from './snapshotQueries.ts';
import type { SqlClient } from './SqlClient.ts';
import type {
  BalanceStore,
  ReauthMark,
  RequestRefreshInput,
  SaveLinkInput,
  ScheduleRules,
  StepCommit,
  Store,
} from './Store.ts';
import type { StoreEvent } from './StoreEvent.ts';

// The handle a user holds, and the store behind it. Users bring a database through `SqlClient`; the store's
// semantics (leases, dedupe, fencing) live in its SQL, so it is not an interface to implement.
const stores = new WeakMap<BalanceStore, Store>();

/**
 * The store behind a handle from `createSqlStore` (or the PGlite and PostgreSQL factories built on it).
 *
 * @example
 * const store = storeOf(await createPgliteStore());
 */
export function storeOf(handle: BalanceStore): Store {
  const store = stores.get(handle);
  if (store === undefined) {
    throw new TypeError(
      'store must come from createPgliteStore, createPostgresStore or createSqlStore: to use your own database, pass createSqlStore a SqlClient',
    );
  }
  return store;
}

/**
 * A store over any {@link SqlClient}, after applying the migrations. `createPgliteStore` and
 * `createPostgresStore` are this with a driver; use it directly to bring your own connection.
 *
 * @example
 * const store = await createSqlStore(pgClient(new Pool({ connectionString })));
 */
export async function createSqlStore(sql: SqlClient): Promise<BalanceStore> {
  await migrate(sql);
  const changes = await createChangeFeed(sql, (error) =>
    console.warn('okra-balance: the store lost its change listener; listening again', error),
  );
  // A write's events reach this process's listeners once its transaction has committed, before the write
  // returns: a request that follows it here sees the change without waiting for the NOTIFY round trip.
  const emitting =
    <A extends unknown[], R>(write: (emitted: StoreEvent[], ...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      const emitted: StoreEvent[] = [];
      const result = await write(emitted, ...args);
      changes.publish(emitted);
      return result;
    };
  let closed: Promise<void> | null = null;
  const store: Store = {
    changes,
    changedSince: (keys, afterSeq) => changedSince(sql, keys, afterSeq),
    createLinkToken: (token) => createLinkToken(sql, token),
    findLinkToken: (tokenHash) => findLinkToken(sql, tokenHash),
    countLinkAttempt: (tokenHash) => countLinkAttempt(sql, tokenHash),
    findHook: (hookHash) => findHook(sql, hookHash),
    saveLink: emitting((emitted, input: SaveLinkInput) => saveLink(sql, input, emitted)),
    listAccounts: (userId) => listAccounts(sql, userId),
    getAccount: (userId, accountId) => getAccount(sql, userId, accountId),
    deleteAccount: emitting((emitted, userId: string, accountId: string, now: string) =>
      deleteAccount(sql, userId, accountId, now, emitted),
    ),
    markNeedsReauth: emitting((emitted, upstreamKeys: readonly string[], mark: ReauthMark) =>
      sql.transaction((tx) => markNeedsReauth(tx, upstreamKeys, mark, emitted)),
    ),
    listOutages: (upstreamKey, since, limit) => listOutages(sql, upstreamKey, since, limit),
    setSchedule: emitting(
      (emitted, userId: string, accountId: string, everyHours: number | null | 'route', now: string) =>
        setSchedule(sql, userId, accountId, everyHours, now, emitted),
    ),
    claimScheduledRefreshes: emitting((emitted, now: string, rules: ScheduleRules, limit: number) =>
      claimScheduledRefreshes(sql, now, rules, limit, emitted),
    ),
    latestSnapshots: (upstreamKeys) => latestSnapshots(sql, upstreamKeys),
    listSnapshots: (upstreamKey, since, limit) => listSnapshots(sql, upstreamKey, since, limit),
    requestRefresh: emitting((emitted, input: RequestRefreshInput) => requestRefresh(sql, input, emitted)),
    getJob: (upstreamKey, jobId) => getJob(sql, upstreamKey, jobId),
    latestJobs: (upstreamKeys) => latestJobs(sql, upstreamKeys),
    claimJobs: (owner, now, leasedUntil, limit, upstreamKeys) =>
      claimJobs(sql, owner, now, leasedUntil, limit, upstreamKeys ?? null),
    renewLease: (jobId, owner, leasedUntil) => renewLease(sql, jobId, owner, leasedUntil),
    commitStep: emitting((emitted, commit: StepCommit) => commitStep(sql, commit, emitted)),
    nextDueAt: () => nextDueAt(sql),
    nudgeRecord: (recordId, now, options) => nudgeRecord(sql, recordId, now, options),
    sweep: (now, policy) => sweep(sql, now, policy),
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
      closed ??= changes.close().then(() => sql.close());
      return closed;
    },
  };
  const handle: BalanceStore = { ping: () => store.ping(), close: () => store.close() };
  stores.set(handle, store);
  stores.set(store, store);
  return handle;
}
