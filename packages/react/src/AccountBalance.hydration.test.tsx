import { act } from '@testing-library/react';
import { dehydrate, hydrate, QueryClient, type DehydratedState } from '@tanstack/react-query';
import { hydrateRoot, type Root } from 'react-dom/client';
import { renderToString } from 'react-dom/server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { BalanceResponse } from '@okra-balance/core';
import { AccountBalance, type AccountBalanceProps } from './AccountBalance.tsx';
import { balanceKeys } from './balanceKeys.ts';
import { BalanceProvider } from './BalanceProvider.tsx';
import './testing/cleanup.ts';
import { BASE_URL, fakeRoute } from './testing/fakeRoute.ts';
import { balance, balanceReply, job } from './testing/fixtures.ts';

// The server and the browser disagree on the zone and on the time, as they do for real: the server renders in
// Auckland, the page hydrates in Los Angeles seconds or hours later. Node re-reads TZ when it is assigned.
const T0 = Date.parse('2026-11-20T09:00:00.000Z');
const HOUR = 3_600_000;
const originalZone = process.env.TZ;
let root: Root | undefined;

afterEach(() => {
  act(() => root?.unmount());
  root = undefined;
  document.body.innerHTML = '';
  if (originalZone === undefined) delete process.env.TZ;
  else process.env.TZ = originalZone;
});

/** Puts this process in `zone` at `now`, and checks that it took (else the test would prove nothing). */
function liveIn(zone: string, now: number) {
  process.env.TZ = zone;
  expect(new Intl.DateTimeFormat().resolvedOptions().timeZone).toBe(zone);
  vi.spyOn(Date, 'now').mockReturnValue(now);
}

const route = () => fakeRoute(() => ({ status: 200, body: balanceReply() }));

function ui(client: QueryClient, props: Partial<AccountBalanceProps>) {
  return (
    <BalanceProvider baseUrl={BASE_URL} fetch={route().fetch} queryClient={client}>
      <AccountBalance accountId="acc-1" {...props} />
    </BalanceProvider>
  );
}

function renderOnServer(reply: BalanceResponse, props: Partial<AccountBalanceProps> = {}) {
  const client = new QueryClient();
  client.setQueryData(balanceKeys.balance(BASE_URL, 'acc-1'), reply);
  const html = renderToString(ui(client, props));
  return { html, state: JSON.parse(JSON.stringify(dehydrate(client))) as DehydratedState };
}

/** Hydrates the server's HTML; returns every recoverable error and console.error React reported. */
async function hydrateInBrowser(
  server: { html: string; state: DehydratedState },
  props: Partial<AccountBalanceProps> = {},
) {
  const container = document.createElement('div');
  container.innerHTML = server.html;
  document.body.append(container);
  const client = new QueryClient({ defaultOptions: { queries: { staleTime: Infinity, retry: false } } });
  hydrate(client, server.state);
  const problems: string[] = [];
  vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
    problems.push(args.map(String).join(' '));
  });
  // An async act (the callback returns a promise): React flushes the hydration's effects before it resolves.
  await act(() => {
    root = hydrateRoot(container, ui(client, props), {
      onRecoverableError: (error) => problems.push(`recoverable: ${String(error)}`),
    });
    return Promise.resolve();
  });
  const region = container.querySelector('.ob-balance')!;
  return { problems, region, status: () => container.querySelector('.ob-balance-status')?.textContent };
}

describe('<AccountBalance> hydrating server HTML', () => {
  it('matches the server’s time of day, then shows it in the reader’s zone', async () => {
    const reply = balanceReply(balance({ asOf: new Date(T0).toISOString() }));
    liveIn('Pacific/Auckland', T0 + HOUR);
    const server = renderOnServer(reply);
    // Not Auckland's 22:00: a named zone both sides agree on.
    expect(server.html).toContain('As of 20 Nov 2026, 09:00 UTC.');
    liveIn('America/Los_Angeles', T0 + HOUR + 3000);
    const browser = await hydrateInBrowser(server);
    expect(browser.problems).toEqual([]);
    // 09:00 UTC is 01:00 in Los Angeles.
    expect(browser.status()).toMatch(/As of 20 Nov 2026, 01:00\.$/);
  });

  it('matches when the balance turned stale between the server render and hydration', async () => {
    const reply = balanceReply(balance({ asOf: new Date(T0).toISOString() }));
    liveIn('Pacific/Auckland', T0 + 23 * HOUR);
    const server = renderOnServer(reply);
    liveIn('America/Los_Angeles', T0 + 25 * HOUR);
    const browser = await hydrateInBrowser(server);
    expect(browser.problems).toEqual([]);
    expect(browser.region.getAttribute('data-state')).toBe('stale');
    expect(browser.status()).toBe('Last updated yesterday.');
  });

  it('matches a running refresh’s elapsed time, then counts from the browser’s clock', async () => {
    const reply = balanceReply(balance(), job({ createdAt: new Date(T0).toISOString() }));
    liveIn('Pacific/Auckland', T0 + 5000);
    const server = renderOnServer(reply);
    liveIn('America/Los_Angeles', T0 + 8000);
    const browser = await hydrateInBrowser(server);
    expect(browser.problems).toEqual([]);
    expect(browser.status()).toBe('Refreshing… 8 s');
  });

  it('renders an explicit timeZone on the server and in the browser alike', async () => {
    const reply = balanceReply(balance({ asOf: new Date(T0).toISOString() }));
    liveIn('Pacific/Auckland', T0 + HOUR);
    const server = renderOnServer(reply, { timeZone: 'Africa/Lagos' });
    // 09:00 UTC is 10:00 in Lagos.
    expect(server.html).toMatch(/As of 20 Nov 2026, 10:00/);
    liveIn('America/Los_Angeles', T0 + HOUR);
    const browser = await hydrateInBrowser(server, { timeZone: 'Africa/Lagos' });
    expect(browser.problems).toEqual([]);
    expect(browser.status()).toMatch(/As of 20 Nov 2026, 10:00/);
  });
});
