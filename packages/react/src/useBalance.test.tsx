import { act, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { isSettled, type RefreshJob } from '@okra-balance/core';
import { BalanceApiError } from './BalanceApiError.ts';
import { useBalance, type UseBalanceResult } from './useBalance.ts';
import { useBalanceHistory } from './useBalanceHistory.ts';
import { useLinkedAccounts } from './useLinkedAccounts.ts';
import { advance } from './testing/advance.ts';
import './testing/cleanup.ts';
import { apiError, fakeRoute, type SentRequest } from './testing/fakeRoute.ts';
import { account, balance, balanceReply, job } from './testing/fixtures.ts';
import { renderWithBalance } from './testing/renderWithBalance.tsx';

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
  vi.setSystemTime(new Date('2026-11-20T09:00:00.000Z'));
});
afterEach(() => vi.useRealTimers());

/** A route whose refresh job answers `pollsUntilSettled` polls as running, then settles as `ending`. */
function refreshingRoute(
  pollsUntilSettled: number,
  ending: Partial<RefreshJob>,
  after = balance(),
  failingPolls: number[] = [],
) {
  let current = balanceReply();
  let polls = 0;
  let answers = 0;
  const times: number[] = [];
  const route = fakeRoute((request: SentRequest) => {
    if (request.method === 'POST' && request.path === '/accounts/acc-1/refresh') {
      current = balanceReply(current.balance, job());
      return { status: 202, body: { job: current.job } };
    }
    if (request.path === '/accounts/acc-1/balance') {
      times.push(Date.now());
      if (failingPolls.includes(answers++)) return apiError(503, 'provider_unavailable', 'upstream down');
      if (current.job?.state === 'waiting' && ++polls >= pollsUntilSettled) {
        current = balanceReply(after, job({ ...ending, settledAt: new Date().toISOString() }));
      }
      return { status: 200, body: current };
    }
    if (request.path === '/accounts') {
      // The list shows what the balance route shows: its answers fill the balance queries.
      const { balance: listed, job: latest } = current;
      const refresh = latest && !isSettled(latest) ? latest : null;
      return { status: 200, body: { accounts: [account({ balance: listed, job: latest, refresh })] } };
    }
    if (request.path === '/accounts/acc-1/history')
      return { status: 200, body: { accountId: 'acc-1', snapshots: [] } };
    return apiError(404, 'not_found');
  });
  return { ...route, times };
}

function Probe({ onRender }: { onRender: (result: UseBalanceResult) => void }) {
  const result = useBalance('acc-1');
  onRender(result);
  useLinkedAccounts();
  useBalanceHistory('acc-1');
  return (
    <button type="button" onClick={result.refresh}>
      Refresh
    </button>
  );
}

function mount(route: { fetch: typeof fetch }) {
  const renders: UseBalanceResult[] = [];
  renderWithBalance(<Probe onRender={(result) => renders.push(result)} />, route.fetch);
  return { renders, latest: () => renders.at(-1)! };
}

describe('useBalance', () => {
  it('starts a job, polls with a growing delay, and stops the moment it settles', async () => {
    const route = refreshingRoute(6, { state: 'succeeded' }, balance({ available: 99_000, ledger: 99_000 }));
    const { latest } = mount(route);
    await advance(0);
    expect(latest().balance?.available).toBe(150_050);
    const started = Date.now();
    act(() => screen.getByRole('button').click());
    await advance(0);
    const post = route.sent.find((request) => request.method === 'POST')!;
    expect(post).toMatchObject({ path: '/accounts/acc-1/refresh', body: {}, credentials: 'same-origin' });
    expect(post.headers['content-type']).toBe('application/json');
    expect(latest().isRefreshing).toBe(true);

    await advance(2_000);
    const polls = route.times.slice(1).map((time) => time - started);
    // 20 ms, then 1.5× per answer, capped at 80 ms; nothing after the answer that settled the job.
    expect(polls).toEqual([20, 50, 95, 163, 243, 323]);
    expect(latest().isRefreshing).toBe(false);
    expect(latest().balance?.available).toBe(99_000);
    expect(latest().job?.state).toBe('succeeded');
    // The accounts list and the history are asked again once the job settles, so they show it too.
    expect(route.sent.filter((request) => request.path === '/accounts')).toHaveLength(2);
    expect(route.sent.filter((request) => request.path === '/accounts/acc-1/history')).toHaveLength(2);
  });

  it('keeps the last balance while refreshing and after a failed job, with the reason beside it', async () => {
    const route = refreshingRoute(2, {
      state: 'failed',
      failure: { reason: 'bank_unavailable', message: 'bank timeout' },
    });
    const { renders, latest } = mount(route);
    await advance(0);
    act(() => screen.getByRole('button').click());
    await advance(500);
    expect(renders.every((result) => result.isPending || result.balance?.available === 150_050)).toBe(true);
    expect(latest().failure).toEqual({ reason: 'bank_unavailable', message: 'bank timeout' });
    expect(latest().isRefreshing).toBe(false);
  });

  it('exposes balanceChanged and lastCheckedAt when the server ran a check', async () => {
    const checked = '2026-11-20T09:00:01.000Z';
    const route = refreshingRoute(
      1,
      { state: 'unchanged', balanceChanged: false },
      balance({ lastCheckedAt: checked }),
    );
    const { latest } = mount(route);
    await advance(0);
    expect(latest().balanceChanged).toBeNull();
    act(() => screen.getByRole('button').click());
    await advance(100);
    expect(latest().balanceChanged).toBe(false);
    expect(latest().lastCheckedAt).toBe(checked);
  });

  it('keeps the balance and reports the error when a poll fails, then recovers on the next poll', async () => {
    // Answer 0 is the first load; answer 1 is the first poll of the running job.
    const route = refreshingRoute(3, { state: 'succeeded' }, balance(), [1]);
    const { latest } = mount(route);
    await advance(0);
    act(() => screen.getByRole('button').click());
    await advance(25);
    expect(latest().error).toBeInstanceOf(BalanceApiError);
    expect((latest().error as BalanceApiError).code).toBe('provider_unavailable');
    expect(latest().balance?.available).toBe(150_050);
    expect(latest().isRefreshing).toBe(true);
    await advance(1_000);
    expect(latest().error).toBeNull();
    expect(latest().job?.state).toBe('succeeded');
  });

  it('reports a refused refresh and keeps the balance', async () => {
    const route = fakeRoute((request) =>
      request.method === 'POST'
        ? apiError(429, 'rate_limited', 'slow down')
        : { status: 200, body: request.path === '/accounts' ? { accounts: [] } : balanceReply() },
    );
    const { latest } = mount(route);
    await advance(0);
    act(() => screen.getByRole('button').click());
    await advance(0);
    expect((latest().error as BalanceApiError).code).toBe('rate_limited');
    expect((latest().error as BalanceApiError).status).toBe(429);
    expect(latest().balance?.available).toBe(150_050);
    expect(latest().isRefreshing).toBe(false);
  });

  it('does not re-render its consumer when a poll answers the same data', async () => {
    const route = refreshingRoute(1_000, { state: 'succeeded' });
    const { renders } = mount(route);
    await advance(0);
    act(() => screen.getByRole('button').click());
    await advance(100);
    const rendersBefore = renders.length;
    const pollsBefore = route.times.length;
    await advance(1_000);
    expect(route.times.length - pollsBefore).toBeGreaterThanOrEqual(10);
    expect(renders.length).toBe(rendersBefore);
  });
});
