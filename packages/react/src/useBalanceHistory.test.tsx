import { act, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { BalanceResponse, HistoryResponse, LinkHealth, LinkOutage } from '@okra-balance/core';
// Loaded up front, as a browser would have it cached: the hooks' lazy import of it then resolves at once.
import './balanceStream.ts';
import { useBalance } from './useBalance.ts';
import { useBalanceHistory } from './useBalanceHistory.ts';
import './testing/cleanup.ts';
import { fakeEventSource } from './testing/fakeEventSource.ts';
import { apiError, BASE_URL, fakeRoute, type SentRequest } from './testing/fakeRoute.ts';
import { balance, balanceReply, job } from './testing/fixtures.ts';
import { renderWithBalance } from './testing/renderWithBalance.tsx';

const DAY = 86_400_000;
const outage: LinkOutage = {
  from: '2026-11-20T10:00:00.000Z',
  to: '2026-11-20T12:00:00.000Z',
  reason: 'token_required',
};

/** A history route whose answer holds one snapshot per request so far, and the outage above. */
function historyRoute() {
  return fakeRoute((request: SentRequest, sent) => {
    if (!request.path.startsWith('/accounts/acc-1/history')) return apiError(404, 'not_found');
    const count = sent.filter((earlier) => earlier.path.startsWith('/accounts/acc-1/history')).length;
    const snapshots = Array.from({ length: count }, (_, index) => ({
      ...balance({ ledger: 100 * (index + 1) }),
      id: `s${index}`,
      recordedAt: new Date(Date.parse('2026-11-20T09:00:00.000Z') + index * 60_000).toISOString(),
    }));
    const reply: HistoryResponse = { accountId: 'acc-1', snapshots, outages: [outage] };
    return { status: 200, body: reply };
  });
}

const historyPaths = (sent: SentRequest[]) =>
  sent.map((request) => request.path).filter((path) => path.startsWith('/accounts/acc-1/history'));
const whole = (reply: HistoryResponse) => reply;

function Week({ label }: { label: string }) {
  const { data } = useBalanceHistory('acc-1', { withinMs: 7 * DAY, limit: 1000, select: whole });
  return (
    <output aria-label={label}>
      {data ? `${data.snapshots.length} points, ${data.outages.map((o) => o.reason).join(',')}` : ''}
    </output>
  );
}

function Default() {
  const { data } = useBalanceHistory('acc-1');
  return <output aria-label="default">{data?.map((snapshot) => snapshot.ledger).join(',')}</output>;
}

describe('useBalanceHistory with a range', () => {
  it('asks for the last withinMs (as since) and the limit, and select hands out the outages', async () => {
    const route = historyRoute();
    const before = Date.now();
    renderWithBalance(<Week label="week" />, route.fetch);
    await waitFor(() => expect(screen.getByLabelText('week').textContent).toBe('1 points, token_required'));
    const after = Date.now();
    const sent = new URL(`http://x${historyPaths(route.sent)[0]}`);
    expect(sent.pathname).toBe('/accounts/acc-1/history');
    expect(sent.searchParams.get('limit')).toBe('1000');
    const since = Date.parse(sent.searchParams.get('since') ?? '');
    expect(since).toBeGreaterThanOrEqual(before - 7 * DAY);
    expect(since).toBeLessThanOrEqual(after - 7 * DAY);
  });

  it('keeps each range in its own cache entry: one request per range, however many readers', async () => {
    const route = historyRoute();
    renderWithBalance(
      <>
        <Week label="week 1" />
        <Week label="week 2" />
        <Default />
      </>,
      route.fetch,
    );
    await waitFor(() => expect(screen.getByLabelText('default').textContent).not.toBe(''));
    await waitFor(() => expect(screen.getByLabelText('week 2').textContent).not.toBe(''));
    const paths = historyPaths(route.sent);
    expect(paths).toHaveLength(2);
    expect(paths.filter((path) => path === '/accounts/acc-1/history')).toHaveLength(1);
    // Both readers of the week see the same answer.
    expect(screen.getByLabelText('week 1').textContent).toBe(screen.getByLabelText('week 2').textContent);
  });

  it('reads a ranged history again when a refresh job settles, as it does the default one', async () => {
    let current = balanceReply();
    const history = historyRoute();
    const route = fakeRoute((request, sent) => {
      if (request.method === 'POST' && request.path === '/accounts/acc-1/refresh') {
        current = balanceReply(current.balance, job());
        return { status: 202, body: { job: current.job } };
      }
      if (request.path === '/accounts/acc-1/balance') {
        // The job settles on the poll after the one that saw it running.
        if (current.job?.state === 'waiting' && sent.filter((r) => r.path === request.path).length > 2)
          current = balanceReply(
            balance({ ledger: 500 }),
            job({ state: 'succeeded', settledAt: '2026-11-20T09:01:00Z' }),
          );
        return { status: 200, body: current };
      }
      return history.fetch(`${BASE_URL}${request.path}`);
    });
    function Card() {
      const { refresh, job: running } = useBalance('acc-1');
      return (
        <>
          <button type="button" onClick={refresh}>
            Refresh
          </button>
          <span aria-label="job">{running?.state ?? 'none'}</span>
          <Week label="week" />
        </>
      );
    }
    renderWithBalance(<Card />, route.fetch);
    await waitFor(() => expect(screen.getByLabelText('week').textContent).toBe('1 points, token_required'));
    act(() => screen.getByRole('button', { name: 'Refresh' }).click());
    await waitFor(() => expect(screen.getByLabelText('job').textContent).toBe('succeeded'));
    await waitFor(() => expect(screen.getByLabelText('week').textContent).toBe('2 points, token_required'));
    expect(historyPaths(history.sent)).toHaveLength(2);
  });

  it('over the live stream, reads a ranged history again when a job succeeds and when the link breaks', async () => {
    const history = historyRoute();
    const route = fakeRoute((request) =>
      request.path === '/accounts/acc-1/balance'
        ? { status: 200, body: balanceReply() }
        : history.fetch(`${BASE_URL}${request.path}`),
    );
    const stream = fakeEventSource();
    function Card() {
      useBalance('acc-1');
      return <Week label="week" />;
    }
    renderWithBalance(<Card />, route.fetch, stream.EventSource);
    await waitFor(() => expect(stream.opened).toHaveLength(1));
    await waitFor(() => expect(screen.getByLabelText('week').textContent).toBe('1 points, token_required'));
    const source = stream.opened[0]!;
    act(() => source.emit('ready', { resumed: false }, '1'));
    const emit = (reply: BalanceResponse, id: string) => act(() => source.emit('account', reply, id));

    // A refresh the server ran on its schedule stored a balance.
    emit(
      balanceReply(balance({ ledger: 500 }), job({ state: 'succeeded', settledAt: '2026-11-20T09:01:00Z' })),
      '2',
    );
    await waitFor(() => expect(screen.getByLabelText('week').textContent).toBe('2 points, token_required'));
    // The same job again, and nothing else changed: nothing to read.
    emit(
      balanceReply(balance({ ledger: 500 }), job({ state: 'succeeded', settledAt: '2026-11-20T09:01:00Z' })),
      '3',
    );
    // The link broke: its outage begins.
    const broken: LinkHealth = {
      state: 'needs_reauth',
      reason: 'token_required',
      message: 'The bank asks for a one-time code',
      since: '2026-11-20T09:02:00Z',
    };
    emit({ ...balanceReply(balance({ ledger: 500 })), health: broken }, '4');
    await waitFor(() => expect(screen.getByLabelText('week').textContent).toBe('3 points, token_required'));
    expect(historyPaths(history.sent)).toHaveLength(3);
  });
});
