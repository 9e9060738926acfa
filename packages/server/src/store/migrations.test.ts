import { PGlite } from '@electric-sql/pglite';
import { describe, expect, it } from 'vitest';
import { storeOf, createSqlStore } from './createSqlStore.ts';
import { migrate } from './migrate.ts';
import { MIGRATIONS } from './migrations.ts';
import { pgliteClient } from './pgliteClient.ts';

// A database made by a release with only migration 1, with jobs in every old (state, phase), opened by this one.
describe('migration 2: refresh jobs move from (state, phase) to one step', () => {
  it('keeps every job where it was, and keeps the first of two snapshots a job stored', async () => {
    const db = await PGlite.create();
    const sql = pgliteClient(db);
    expect(await migrate(sql, MIGRATIONS.slice(0, 1))).toEqual([1]);
    const old: [string, string, string][] = [
      ['job_q', 'queued', 'check'],
      ['job_r', 'requesting', 'refresh'],
      ['job_c', 'requesting', 'check'],
      ['job_w', 'waiting', 'check'],
      ['job_v', 'waiting', 'refresh'],
      ['job_d', 'reading', 'refresh'],
      ['job_s', 'succeeded', 'refresh'],
      ['job_u', 'unchanged', 'check'],
    ];
    for (const [id, state, phase] of old) {
      const settled = ['succeeded', 'unchanged'].includes(state) ? '2026-01-01T00:01:00Z' : null;
      await sql.query(
        `INSERT INTO okra_refresh_jobs (id, upstream_key, provider_account_id, strategy, phase, state,
           created_at, updated_at, deadline_at, next_run_at, settled_at)
         VALUES ($1, $1, 'acc', 'check-first', $2, $3, now(), now(), now(), now(), $4)`,
        [id, phase, state, settled],
      );
    }
    for (const [id, at] of [
      ['snap_first', '2026-01-01T00:00:01Z'],
      ['snap_second', '2026-01-01T00:00:02Z'],
    ]) {
      await sql.query(
        `INSERT INTO okra_balance_snapshots (id, upstream_key, available, derived, ledger, currency, as_of,
           recorded_at, job_id, raw) VALUES ($1, 'job_s', 1, false, 1, 'NGN', now(), $2, 'job_s', '{}')`,
        [id, at],
      );
    }

    const store = storeOf(await createSqlStore(sql));
    const jobs = await store.latestJobs(old.map(([id]) => id));
    expect(Object.fromEntries([...jobs].map(([key, job]) => [key, job.step]))).toEqual({
      job_q: 'check',
      job_r: 'refreshing',
      job_c: 'checking',
      job_w: 'check_waiting',
      job_v: 'refresh_waiting',
      job_d: 'reading',
      job_s: 'succeeded',
      job_u: 'unchanged',
    });
    expect(jobs.get('job_r')).toMatchObject({ intentAt: null, lostCalls: 0 });
    const kept = await store.listSnapshots('job_s', '2026-01-01T00:00:00Z', 10);
    expect(kept.map((snapshot) => snapshot.id)).toEqual(['snap_first']);
    await store.close();
  });
});
