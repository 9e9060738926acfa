import { StrictMode } from 'react';
import { renderToString } from 'react-dom/server';
import { act, render, screen } from '@testing-library/react';
import { QueryClient } from '@tanstack/react-query';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BalanceResponse, LinkedAccount } from '@okra-balance/core';
import { AccountBalance } from './AccountBalance.tsx';
// Loaded up front, as a browser would have it cached: the hooks' lazy import of it then resolves at once.
import './balanceStream.ts';
import { BalanceProvider } from './BalanceProvider.tsx';
import { useBalance, type UseBalanceResult } from './useBalance.ts';
import { useBalanceHistory } from './useBalanceHistory.ts';
import { useLinkedAccounts } from './useLinkedAccounts.ts';
import { advance } from './testing/advance.ts';
import './testing/cleanup.ts';
import { fakeEventSource, type FakeEventSource } from './testing/fakeEventSource.ts';
import { apiError, BASE_URL, fakeRoute } from './testing/fakeRoute.ts';
import { account, balance, job } from './testing/fixtures.ts';
import { renderWithBalance } from './testing/renderWithBalance.tsx';

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
  vi.setSystemTime(new Date('2026-11-20T09:00:00.000Z'));
});
afterEach(() => vi.useRealTimers());

/**
 * The route's state for some accounts, answered as the server would: the list, each balance, a refresh that
 * starts a job, the history. The test changes the state (`settle`) and, when the route has a stream, sends
 * the event the server would send.
 */
function liveRoute(ids: string[], running: string[] = []) {
  const state = new Map<string, BalanceResponse>(
    ids.map((id) => [
      id,
      {
        accountId: id,
        balance: balance(),
        job: running.includes(id) ? job({ id: `job-${id}`, accountId: id }) : null,
        health: { state: 'ok' },
      },
    ]),
  );
  const listed = (): LinkedAccount[] =>
    [...state.values()].map(({ accountId, ...rest }) => account({ ...rest, id: accountId }));
  // While set, the answer to a refresh waits for it (the job it answers with is the one it started).
  let hold: Promise<void> | null = null;
  let jobs = 0;
  const route = fakeRoute(async (request) => {
    if (request.path === '/accounts') return { status: 200, body: { accounts: listed() } };
    const [, , id = '', what] = request.path.split('/');
    const current = state.get(id);
    if (!current) return apiError(404, 'not_found');
    if (request.method === 'POST' && what === 'refresh') {
      const now = new Date().toISOString();
      const started = job({ id: `job-${++jobs}`, accountId: id, createdAt: now, updatedAt: now });
      state.set(id, { ...current, job: started });
      await hold;
      return { status: 202, body: { job: started } };
    }
    if (what === 'balance') return { status: 200, body: current };
    if (what === 'history') return { status: 200, body: { accountId: id, snapshots: [], outages: [] } };
    return apiError(404, 'not_found');
  });
  /** The job settles on the server with a new balance; returns what the route then answers for it. */
  const settle = (id: string, available: number): BalanceResponse => {
    const current = state.get(id)!;
    const settledAt = new Date().toISOString();
    const next: BalanceResponse = {
      ...current,
      balance: balance({ available, ledger: available, asOf: settledAt }),
      // The page's refresh, or one the server started on its own schedule.
      job: {
        ...(current.job ?? job({ id: `job-${++jobs}`, accountId: id })),
        state: 'succeeded',
        updatedAt: settledAt,
        settledAt,
      },
    };
    state.set(id, next);
    return next;
  };
  const count = (path: string) => route.sent.filter((request) => request.path === path).length;
  /** Holds refresh answers back until the returned function is called. */
  const holdRefreshes = () => {
    let release = () => {};
    hold = new Promise((resolve) => (release = resolve));
    return release;
  };
  return { ...route, state, listed, settle, count, holdRefreshes };
}

function Card({ id, renders = [] }: { id: string; renders?: UseBalanceResult[] }) {
  const result = useBalance(id);
  renders.push(result);
  return (
    <p>
      {id}: {result.isPending ? 'loading' : result.balance?.available}
      {result.isRefreshing && ' refreshing'}
      <button type="button" onClick={result.refresh}>
        Refresh {id}
      </button>
    </p>
  );
}

function List({ renders }: { renders?: UseBalanceResult[] }) {
  const { data = [] } = useLinkedAccounts();
  return data.map((item) => <Card key={item.id} id={item.id} {...(renders && { renders })} />);
}

function ListText() {
  const { data = [] } = useLinkedAccounts();
  return <output>{data.map((item) => `${item.id}=${item.balance?.available}`).join(' ')}</output>;
}

function History({ id }: { id: string }) {
  useBalanceHistory(id);
  return null;
}

/**
 * Waits for the page to have opened `count` streams: the stream's code is a chunk of its own, which the hooks
 * import in an effect. Turns the real event loop (module loading runs there), and answers what is due.
 */
async function connected(stream: FakeEventSource, count = 1) {
  await advance(0);
  await act(async () => {
    for (let turn = 0; turn < 5_000 && stream.opened.length < count; turn++) {
      await new Promise((resolve) => setImmediate(resolve));
    }
  });
  expect(stream.opened).toHaveLength(count);
}

const card = (id: string) => screen.getByText(new RegExp(`^${id}:`)).textContent;

async function mountPage(ids: string[], running: string[] = []) {
  const route = liveRoute(ids, running);
  const stream = fakeEventSource();
  const renders: UseBalanceResult[] = [];
  const utils = renderWithBalance(
    <>
      <ListText />
      <List renders={renders} />
      <History id="acc-1" />
    </>,
    route.fetch,
    stream.EventSource,
  );
  await connected(stream);
  const source = () => stream.opened.at(-1)!;
  // TanStack Query tells React on a timer: move the fake ones on, so what the event changed has rendered.
  const emit = async (event: string, data: unknown) => {
    act(() => source().emit(event, data));
    await advance(0);
  };
  return { ...utils, route, stream, renders, source, emit };
}

describe('the live stream', () => {
  it('is one connection per page, for every hook and under StrictMode, closed after the last one', async () => {
    const route = liveRoute(['acc-1', 'acc-2']);
    const stream = fakeEventSource();
    const page = (
      <StrictMode>
        <List />
        <Card id="acc-1" />
        <ListText />
      </StrictMode>
    );
    const { unmount } = renderWithBalance(page, route.fetch, stream.EventSource);
    await connected(stream);
    await advance(0);
    expect(screen.getAllByText(/^acc-\d:/)).toHaveLength(3);
    expect(stream.opened).toHaveLength(1);
    expect(stream.opened[0]!.url).toBe(`${BASE_URL}/events`);
    expect(stream.opened[0]!.withCredentials).toBe(false);
    unmount();
    await advance(0);
    expect(stream.open()).toHaveLength(0);
  });

  it('opens nothing for a component that is gone before the stream code loaded', async () => {
    const stream = fakeEventSource();
    const { unmount } = renderWithBalance(
      <Card id="acc-1" />,
      liveRoute(['acc-1']).fetch,
      stream.EventSource,
    );
    unmount();
    await import('./balanceStream.ts');
    await advance(0);
    expect(stream.opened).toHaveLength(0);
  });

  it('sends cookies to another origin only when the provider does (credentials: include)', async () => {
    const stream = fakeEventSource();
    render(
      <BalanceProvider
        baseUrl={BASE_URL}
        fetch={liveRoute(['acc-1']).fetch}
        credentials="include"
        queryClient={new QueryClient()}
        eventSource={stream.EventSource}
      >
        <Card id="acc-1" />
      </BalanceProvider>,
    );
    await connected(stream);
    expect(stream.opened.map((source) => source.withCredentials)).toEqual([true]);
  });

  it('uses the global EventSource by default, and none while rendering on a server', async () => {
    const stream = fakeEventSource();
    vi.stubGlobal('EventSource', stream.EventSource);
    try {
      const tree = (
        <BalanceProvider
          baseUrl={BASE_URL}
          fetch={liveRoute(['acc-1']).fetch}
          queryClient={new QueryClient()}
        >
          <Card id="acc-1" />
        </BalanceProvider>
      );
      renderToString(tree);
      expect(stream.opened).toHaveLength(0);
      render(tree);
      await connected(stream);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('writes account and list events into the cache without a request, and equal data renders nothing', async () => {
    const { route, renders, emit } = await mountPage(['acc-1']);
    await emit('ready', { resumed: false });
    await advance(0);
    const asked = route.sent.length;

    const next = route.settle('acc-1', 99_000);
    await emit('account', next);
    expect(card('acc-1')).toMatch(/^acc-1: 99000/);
    expect(screen.getByRole('status').textContent).toBe('acc-1=99000');

    const rendered = renders.length;
    await emit('account', structuredClone(next));
    expect(renders.length).toBe(rendered);

    route.state.set('acc-2', { ...next, accountId: 'acc-2', job: null });
    await emit('accounts', { accounts: route.listed() });
    expect(screen.getByRole('status').textContent).toBe('acc-1=99000 acc-2=99000');
    expect(card('acc-2')).toMatch(/^acc-2: 99000/);
    await advance(100);
    // Besides the history the succeeded job made stale, nothing was asked for.
    expect(route.sent.slice(asked).map((request) => request.path)).toEqual(['/accounts/acc-1/history']);
  });

  it('does not poll a running job while the stream is open, and settles it from the stream', async () => {
    const { route, emit } = await mountPage(['acc-1']);
    await emit('ready', { resumed: false });
    act(() => screen.getByRole('button', { name: 'Refresh acc-1' }).click());
    await advance(2_000);
    expect(card('acc-1')).toMatch(/refreshing/);
    expect(route.count('/accounts/acc-1/refresh')).toBe(1);
    expect(route.count('/accounts/acc-1/balance')).toBe(0);
    expect(route.count('/accounts/acc-1/history')).toBe(1);

    await emit('account', route.settle('acc-1', 99_000));
    await advance(0);
    expect(card('acc-1')).toBe('acc-1: 99000Refresh acc-1');
    expect(route.count('/accounts/acc-1/balance')).toBe(0);
    expect(route.count('/accounts/acc-1/history')).toBe(2);
  });

  it('does not poll the running job of a card that mounts while the stream is open', async () => {
    const { route, emit } = await mountPage(['acc-1']);
    await emit('ready', { resumed: false });
    route.state.set('acc-2', {
      ...route.state.get('acc-1')!,
      accountId: 'acc-2',
      job: job({ accountId: 'acc-2' }),
    });
    await emit('accounts', { accounts: route.listed() });
    await advance(2_000);
    expect(card('acc-2')).toMatch(/refreshing/);
    expect(route.count('/accounts/acc-2/balance')).toBe(0);
  });

  it('keeps a later state the stream brought before the refresh request answered', async () => {
    const { route, emit } = await mountPage(['acc-1']);
    await emit('ready', { resumed: false });
    const answer = route.holdRefreshes();
    act(() => screen.getByRole('button', { name: 'Refresh acc-1' }).click());
    await advance(1_000);
    await emit('account', route.settle('acc-1', 99_000));
    answer();
    await advance(500);
    expect(route.count('/accounts/acc-1/refresh')).toBe(1);
    expect(card('acc-1')).toBe('acc-1: 99000Refresh acc-1');
  });

  it('polls again while the stream is down, and stops once it is back', async () => {
    const { route, source, emit } = await mountPage(['acc-1']);
    await emit('ready', { resumed: true });
    act(() => screen.getByRole('button', { name: 'Refresh acc-1' }).click());
    await advance(500);
    expect(route.count('/accounts/acc-1/balance')).toBe(0);

    act(() => source().fail());
    await advance(100);
    expect(route.count('/accounts/acc-1/balance')).toBeGreaterThan(0);
    route.settle('acc-1', 99_000);
    await advance(500);
    expect(card('acc-1')).toBe('acc-1: 99000Refresh acc-1');

    await emit('ready', { resumed: true });
    const polls = route.count('/accounts/acc-1/balance');
    act(() => screen.getByRole('button', { name: 'Refresh acc-1' }).click());
    await advance(2_000);
    expect(card('acc-1')).toMatch(/refreshing/);
    expect(route.count('/accounts/acc-1/balance')).toBe(polls);
  });

  it('falls back to polling for good when the route has no stream (404, 401) or it keeps failing', async () => {
    for (const failures of [[true], [false, false, false]]) {
      const { route, stream, source, unmount } = await mountPage(['acc-1']);
      for (const closed of failures) act(() => source().fail(closed));
      expect(stream.open()).toHaveLength(0);
      act(() => screen.getByRole('button', { name: 'Refresh acc-1' }).click());
      await advance(100);
      expect(route.count('/accounts/acc-1/balance')).toBeGreaterThan(0);
      route.settle('acc-1', 99_000);
      await advance(500);
      expect(card('acc-1')).toBe('acc-1: 99000Refresh acc-1');
      unmount();
    }
  });

  it('on the first connection, asks again only for balances whose job was running', async () => {
    const { route, emit } = await mountPage(['acc-1', 'acc-2'], ['acc-2']);
    const asked = route.sent.length;
    await emit('ready', { resumed: false });
    await advance(0);
    expect(route.sent.slice(asked).map((request) => request.path)).toEqual(['/accounts/acc-2/balance']);
  });

  it('after a reconnection that could not resume, asks again for the list and the balances', async () => {
    const { route, source, emit } = await mountPage(['acc-1', 'acc-2']);
    await emit('ready', { resumed: false });
    await advance(0);
    act(() => source().fail());
    await emit('ready', { resumed: true });
    await advance(0);
    const asked = route.sent.length;
    act(() => source().fail());
    await emit('ready', { resumed: false });
    await advance(0);
    expect(
      route.sent
        .slice(asked)
        .map((request) => request.path)
        .sort(),
    ).toEqual(['/accounts', '/accounts/acc-1/balance', '/accounts/acc-2/balance']);
  });

  it('fills each balance from the list: N cards, one request, no card ever loading', async () => {
    const route = liveRoute(['acc-1', 'acc-2', 'acc-3']);
    const renders: UseBalanceResult[] = [];
    function Cards() {
      const { data = [] } = useLinkedAccounts();
      return data.map((item) => (
        <div key={item.id}>
          <AccountBalance accountId={item.id} />
          <Card id={item.id} renders={renders} />
        </div>
      ));
    }
    const { container } = renderWithBalance(<Cards />, route.fetch);
    await advance(1_000);
    expect(
      container.querySelectorAll('.ob-balance[data-state="fresh"], .ob-balance[data-state="stale"]'),
    ).toHaveLength(3);
    expect(route.sent.map((request) => request.path)).toEqual(['/accounts']);
    expect(renders.length).toBeGreaterThanOrEqual(3);
    expect(renders.filter((result) => result.isPending)).toEqual([]);
    expect(screen.queryByText('Loading balance…')).toBeNull();
  });
});
