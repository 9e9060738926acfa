import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { BalanceResponse } from '@okra-balance/core';
import { AccountBalance } from './AccountBalance.tsx';
import './testing/cleanup.ts';
import type { apiError } from './testing/fakeRoute.ts';
import { fakeRoute } from './testing/fakeRoute.ts';
import { balance, balanceReply, job } from './testing/fixtures.ts';
import { renderWithBalance } from './testing/renderWithBalance.tsx';

function show(reply: BalanceResponse | (() => ReturnType<typeof apiError>), props = {}) {
  const route = fakeRoute((request) => {
    if (request.method === 'POST') return { status: 202, body: { job: job() } };
    return typeof reply === 'function' ? reply() : { status: 200, body: reply };
  });
  const utils = renderWithBalance(
    <AccountBalance accountId="acc-1" label="Ada · GTBank" {...props} />,
    route.fetch,
  );
  const region = () => utils.container.querySelector('.ob-balance')!;
  return { ...utils, route, region };
}

const recently = () => new Date(Date.now() - 60_000).toISOString();

describe('<AccountBalance>', () => {
  it('shows available and ledger, labelled and formatted in naira', async () => {
    const { region } = show(balanceReply(balance({ asOf: recently() })));
    await waitFor(() => expect(region().getAttribute('data-state')).toBe('fresh'));
    expect(screen.getByText('Available balance').nextElementSibling?.textContent).toBe('₦1,500.50');
    expect(screen.getByText('Ledger balance').nextElementSibling?.textContent).toBe('₦1,620.00');
    expect(screen.getByRole('heading').textContent).toBe('Ada · GTBank');
  });

  it('formats per currency and locale', async () => {
    show(balanceReply(balance({ currency: 'USD', available: -2500, asOf: recently() })), { locale: 'en-US' });
    await waitFor(() =>
      expect(screen.getByText('Available balance').nextElementSibling?.textContent).toBe('-$25.00'),
    );
  });

  it('marks a derived available balance and a missing one', async () => {
    const derived = show(balanceReply(balance({ derived: true, asOf: recently() })));
    await screen.findByText(/estimated from the ledger and pending payments/);
    derived.unmount();
    show(balanceReply(balance({ available: null, asOf: recently() })));
    expect((await screen.findByText('Not reported by the bank')).closest('dd')?.textContent).toBe(
      'Not reported by the bank',
    );
  });

  it('keeps the balance on screen while refreshing, with the time elapsed', async () => {
    const { region } = show(
      balanceReply(balance({ asOf: recently() }), job({ createdAt: new Date().toISOString() })),
    );
    await waitFor(() => expect(region().getAttribute('data-state')).toBe('refreshing'));
    expect(region().getAttribute('aria-busy')).toBe('true');
    expect(screen.getByRole('status').textContent).toMatch(/^Refreshing… \d+ s$/);
    expect(screen.getByText('Available balance').nextElementSibling?.textContent).toBe('₦1,500.50');
    expect(screen.queryByRole('button')).toBeNull();
  });

  it('says when a check found no change', async () => {
    const { region } = show(
      balanceReply(balance({ asOf: recently() }), job({ state: 'unchanged', balanceChanged: false })),
    );
    await waitFor(() => expect(region().getAttribute('data-state')).toBe('unchanged'));
    expect(screen.getByRole('status').textContent).toContain('Checked with the bank: no change.');
  });

  it('marks an old balance as stale, saying how old', async () => {
    const threeDays = new Date(Date.now() - 3 * 86_400_000 - 1000).toISOString();
    const { region } = show(balanceReply(balance({ asOf: threeDays })));
    await waitFor(() => expect(region().getAttribute('data-state')).toBe('stale'));
    expect(screen.getByRole('status').textContent).toBe('Last updated 3 days ago.');
  });

  it('after a failed refresh: the reason, the last balance, and a retry that starts a new refresh', async () => {
    const { region, route } = show(
      balanceReply(
        balance({ asOf: recently() }),
        job({ state: 'failed', failure: { reason: 'deadline_exceeded', message: 'deadline' } }),
      ),
    );
    await waitFor(() => expect(region().getAttribute('data-state')).toBe('failed'));
    expect(screen.getByRole('alert').textContent).toBe(
      'The bank took too long to answer. Showing the last balance we have.',
    );
    expect(screen.getByText('Ledger balance').nextElementSibling?.textContent).toBe('₦1,620.00');
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(route.sent.some((r) => r.method === 'POST')).toBe(true));
    expect(route.sent.find((r) => r.method === 'POST')?.path).toBe('/accounts/acc-1/refresh');
  });

  it('when the server is unreachable: a message for people, and a retry that loads again', async () => {
    let down = true;
    const { region, route } = show(() =>
      down
        ? new TypeError('fetch failed')
        : { status: 200, body: balanceReply(balance({ asOf: recently() })) },
    );
    await waitFor(() => expect(region().getAttribute('data-state')).toBe('failed'));
    expect(screen.getByRole('alert').textContent).toBe(
      'We could not reach the server. Check your connection, then try again.',
    );
    down = false;
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(region().getAttribute('data-state')).toBe('fresh'));
    expect(route.sent.filter((r) => r.method === 'GET')).toHaveLength(2);
  });
});
