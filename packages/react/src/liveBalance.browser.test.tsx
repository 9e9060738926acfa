import { cleanup, render } from '@testing-library/react';
import { QueryClient } from '@tanstack/react-query';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { commands, page } from 'vitest/browser';
import type { LinkedAccount } from '@okra-balance/core';
import { AccountBalance } from './AccountBalance.tsx';
import { BalanceProvider } from './BalanceProvider.tsx';
import { useBalance } from './useBalance.ts';

// Run in Node by the browser project (vitest.config.ts, tooling/vitest/liveRoute.ts).
declare module 'vitest/browser' {
  interface BrowserCommands {
    startLiveRoute: (origin: string) => Promise<{ url: string; accounts: LinkedAccount[] }>;
    stopLiveRoute: (url: string) => Promise<void>;
  }
}

let route: { url: string; accounts: LinkedAccount[] };

beforeAll(async () => {
  // Events here are real browser events, not wrapped in act(): React must not expect act() around them.
  (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = false;
  route = await commands.startLiveRoute(location.origin);
});
afterAll(() => commands.stopLiveRoute(route.url));
afterEach(() => cleanup());

/** What the card's hook holds, for the test to read: when the shown balance is from, and the job's state. */
function Probe({ accountId }: { accountId: string }) {
  const { balance, job } = useBalance(accountId);
  return <output data-as-of={balance?.asOf ?? ''} data-job={job?.state ?? ''} />;
}

/** The card on a page of its own, against the real route; every request the page sends is recorded. */
function mount(live: boolean, account: LinkedAccount) {
  const requests: string[] = [];
  const recording: typeof fetch = (input, init) => {
    requests.push(`${init?.method ?? 'GET'} ${input instanceof Request ? input.url : input.toString()}`);
    return fetch(input, init);
  };
  const readies: unknown[] = [];
  class RecordingEventSource extends EventSource {
    constructor(url: string | URL, init?: EventSourceInit) {
      super(url, init);
      this.addEventListener('ready', (event) =>
        readies.push(JSON.parse((event as MessageEvent<string>).data)),
      );
    }
  }
  const { id } = account;
  render(
    <BalanceProvider
      baseUrl={route.url}
      fetch={recording}
      queryClient={new QueryClient()}
      // Polls every 20 ms if it polls at all: a job takes a few hundred here, so one poll would show.
      timing={{ pollMs: 20, maxPollMs: 100 }}
      eventSource={live && RecordingEventSource}
    >
      <AccountBalance accountId={id} label="Live account" />
      <Probe accountId={id} />
    </BalanceProvider>,
  );
  const probe = () => document.querySelector('output')!;
  return { requests, readies, probe };
}

/** Clicks Refresh and waits until the card shows a settled job with a balance newer than before. */
async function refreshAndSettle(probe: () => HTMLOutputElement) {
  await expect.poll(() => probe().dataset.asOf).not.toBe('');
  const before = probe().dataset.asOf;
  await page.getByRole('button', { name: 'Refresh balance' }).click();
  await expect.poll(() => probe().dataset.job, { timeout: 15_000 }).toMatch(/^(succeeded|unchanged)$/);
  await expect.poll(() => probe().dataset.asOf).not.toBe(before);
  expect(document.querySelector('.ob-balance')!.getAttribute('data-state')).toMatch(/^(fresh|unchanged)$/);
}

const polls = (requests: string[]) =>
  requests.filter((request) => /^GET .*(\/refresh\/|\/balance$)/.test(request));

describe('live balances against the real route, in Chromium', () => {
  it('shows the new balance after Refresh with no poll at all while the stream is open', async () => {
    const { requests, readies, probe } = mount(true, route.accounts[0]!);
    await expect.poll(() => readies).toEqual([{ resumed: false }]);
    const loaded = requests.length;
    await refreshAndSettle(probe);
    const after = requests.slice(loaded);
    expect(after.filter((request) => request.startsWith('POST '))).toHaveLength(1);
    expect(polls(after)).toEqual([]);
  });

  it('without a stream, polls the job until the new balance arrives', async () => {
    const { requests, probe } = mount(false, route.accounts[1]!);
    await refreshAndSettle(probe);
    expect(polls(requests).length).toBeGreaterThan(0);
  });
});
