import type { Context, Hono } from 'hono';
import { z } from 'zod';
import type {
  AccountsResponse,
  BalanceResponse,
  HistoryResponse,
  RefreshJobResponse,
} from '@okra-balance/core';
import { toRefreshJob } from '../jobs/toRefreshJob.ts';
import { isId } from '../store/ids.ts';
import type { StoredAccount } from '../store/Store.ts';
import { accountViews, balanceView } from './accountView.ts';
import { ApiError } from './ApiError.ts';
import { historyQuery } from './historyQuery.ts';
import { rateLimit } from './rateLimit.ts';
import { readJsonBody } from './readJsonBody.ts';
import type { RouteDeps, RouteEnv } from './RouteDeps.ts';
import { startRefresh } from './startRefresh.ts';

const refreshBody = z.strictObject({});

/** The account routes. Every one looks the account up with the user's id: another user's is a 404. */
export function accountRoutes(app: Hono<RouteEnv>, deps: RouteDeps): void {
  const ownAccount = async (c: Context<RouteEnv>): Promise<StoredAccount> => {
    const id = c.req.param('id') ?? '';
    const account = isId('acct', id) ? await deps.store.getAccount(c.get('user').id, id) : null;
    if (account === null) throw new ApiError('not_found', 'No such account');
    return account;
  };

  app.get('/accounts', async (c) => {
    const accounts = await deps.store.listAccounts(c.get('user').id);
    await deps.driveJobs(
      accounts.map((account) => account.upstreamKey),
      'read',
    );
    const body: AccountsResponse = {
      accounts: await accountViews(deps, accounts),
    };
    return c.json(body);
  });

  app.get('/accounts/:id/balance', async (c) => {
    const account = await ownAccount(c);
    await deps.driveJobs([account.upstreamKey], 'read');
    const body: BalanceResponse = await balanceView(deps, account);
    return c.json(body);
  });

  app.post('/accounts/:id/refresh', rateLimit(deps.limiters.refresh, 'refreshes', deps.now), async (c) => {
    const account = await ownAccount(c);
    await readJsonBody(c.req.raw, refreshBody, {
      maxBytes: deps.maxBodyBytes,
      allowEmpty: true,
      requireJsonType: true,
    });
    // Refused here, before any job: the bank would refuse it too, and the call would still be billed.
    if (account.health.state === 'needs_reauth') {
      throw new ApiError(
        'needs_reauth',
        'This account needs its owner to sign in to the bank again: reconnect it, then refresh',
      );
    }
    const { job, joined } = await startRefresh(deps, account);
    const body: RefreshJobResponse = { job: toRefreshJob(job, account.id), joined };
    return c.json(body, 202);
  });

  app.get('/accounts/:id/refresh/:jobId', async (c) => {
    const account = await ownAccount(c);
    const jobId = c.req.param('jobId');
    if (isId('job', jobId)) await deps.driveJobs([account.upstreamKey], 'read');
    const job = isId('job', jobId) ? await deps.store.getJob(account.upstreamKey, jobId) : null;
    if (job === null) throw new ApiError('not_found', 'No such refresh job for this account');
    const body: RefreshJobResponse = { job: toRefreshJob(job, account.id) };
    return c.json(body);
  });

  app.get('/accounts/:id/history', async (c) => {
    const account = await ownAccount(c);
    const query = historyQuery.safeParse({ limit: c.req.query('limit'), since: c.req.query('since') });
    if (!query.success)
      throw new ApiError('invalid_request', query.error.issues[0]?.message ?? 'Invalid query');
    // A user sees the history from when they linked, not what another holder of the account saw before.
    const { since = account.linkedAt, limit = 30 } = query.data;
    const from = since > account.linkedAt ? since : account.linkedAt;
    const snapshots = await deps.store.listSnapshots(account.upstreamKey, from, limit);
    // The outages over the span shown: from the oldest snapshot when the limit cut the list short.
    const oldest = snapshots.length === limit ? snapshots.at(-1)?.recordedAt : undefined;
    const outages = await deps.store.listOutages(account.upstreamKey, oldest ?? from, 100);
    const body: HistoryResponse = { accountId: account.id, snapshots, outages };
    return c.json(body);
  });

  app.delete('/accounts/:id', async (c) => {
    const account = await ownAccount(c);
    await deps.store.deleteAccount(c.get('user').id, account.id, deps.now().toISOString());
    return c.body(null, 204);
  });
}
