import { StrictMode } from 'react';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { REAUTH_REASONS, type LinkHealth } from '@okra-balance/core';
import { AccountBalance } from './AccountBalance.tsx';
import { describeReauthReason } from './describeReauthReason.ts';
import './testing/cleanup.ts';
import { apiError, fakeRoute } from './testing/fakeRoute.ts';
import { balance, balanceReply, job } from './testing/fixtures.ts';
import { postFrom, realOkra, WIDGET_ORIGIN, widgetFrame, widgetLoaded } from './testing/realOkra.ts';
import { needsReauth, PROVIDER_LINKS, reauthRoute } from './testing/reauthRoute.ts';
import { renderWithBalance } from './testing/renderWithBalance.tsx';

const widget = {
  key: 'pk_from_server',
  token: 'ct_from_server',
  env: 'production' as const,
  products: ['auth' as const, 'balance' as const],
  widgetOrigin: WIDGET_ORIGIN,
};

/** Cards for `health`'s accounts on the route that behaves as the server does, with the real okra-js. */
function show(
  health: Record<string, LinkHealth>,
  { onLinked, ...options }: { failLinks?: () => ReturnType<typeof apiError>; onLinked?: () => void } = {},
) {
  const real = realOkra();
  const route = reauthRoute({ widget, health, ...options });
  const ids = Object.keys(health);
  const utils = renderWithBalance(
    <>
      {ids.map((id) => (
        <AccountBalance key={id} accountId={id} label={id} reconnect={{ loader: real.loader, onLinked }} />
      ))}
    </>,
    route.fetch,
  );
  const card = (id = ids[0]!) => screen.getByRole('heading', { name: id }).closest('section')!;
  const stateOf = (id?: string) => card(id).getAttribute('data-state');
  const button = (id?: string) => within(card(id)).getByRole('button');
  return { ...utils, ...real, route, card, stateOf, button };
}

const sent = (route: ReturnType<typeof reauthRoute>, method: string, path: string) =>
  route.sent.filter((request) => request.method === method && request.path === path);

describe('<AccountBalance> when the link needs its user again', () => {
  it.each(REAUTH_REASONS)(
    '%s: says why in words, keeps the last balance marked as old, offers Reconnect',
    async (reason) => {
      const { stateOf, card, button } = show({ 'acc-1': needsReauth(reason) });
      await waitFor(() => expect(stateOf()).toBe('reauth'));
      const alert = within(card()).getByRole('alert').textContent;
      expect(alert).toBe(describeReauthReason(reason));
      expect(alert).not.toBe(describeReauthReason(null));
      expect(within(card()).getByText('Ledger balance').nextElementSibling?.textContent).toBe('₦1,620.00');
      expect(within(card()).getByRole('status').textContent).toMatch(
        /Last updated .+; it may be out of date\.$/,
      );
      expect(button().textContent).toBe('Reconnect');
    },
  );

  it('a refresh refused with 409 needs_reauth (the health it showed was old) turns the card to Reconnect', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const { route, stateOf, card, button } = show({ 'acc-1': { state: 'ok' } });
    await waitFor(() => expect(stateOf()).not.toBe('loading'));
    // The link broke after the card read it.
    route.health['acc-1'] = needsReauth('token_required');
    fireEvent.click(button());
    await waitFor(() => expect(stateOf()).toBe('reauth'));
    expect(sent(route, 'POST', '/accounts/acc-1/refresh')).toHaveLength(1);
    expect(within(card()).getByRole('alert').textContent).toBe(
      'The bank needs you to sign in again. Reconnect the account to refresh it.',
    );
    expect(button().textContent).toBe('Reconnect');
    expect(sent(route, 'POST', '/link-sessions')).toHaveLength(0);

    // Once reconnected, the refused refresh from before says nothing more.
    fireEvent.click(button());
    await waitFor(() => expect(widgetFrame()).not.toBeNull());
    act(() => postFrom(WIDGET_ORIGIN, { success: true, accounts: [] }));
    await waitFor(() => expect(sent(route, 'POST', '/links')).toHaveLength(1));
    act(() => postFrom(WIDGET_ORIGIN, { close: true }));
    await waitFor(() => expect(stateOf()).toBe('reconnected'));
    expect(within(card()).queryByRole('alert')).toBeNull();
  });

  it('a refresh job that failed with needs_reauth turns the card to Reconnect too', async () => {
    const failed = job({ state: 'failed', failure: { reason: 'needs_reauth', message: 'token required' } });
    const route = fakeRoute(() => ({ status: 200, body: balanceReply(balance(), failed) }));
    const { container } = renderWithBalance(<AccountBalance accountId="acc-1" />, route.fetch);
    await waitFor(() => expect(container.querySelector('[data-state="reauth"]')).not.toBeNull());
    expect(screen.getByRole('alert').textContent).toBe(describeReauthReason(null));
    expect(screen.getByRole('button').textContent).toBe('Reconnect');
  });

  it('reconnects through the widget for THAT account, confirms, reads it again and says it is reconnected', async () => {
    // How often the account's balance had been read when the reconnect was reported.
    const readsAtLinked: number[] = [];
    const onLinked = vi.fn(() => readsAtLinked.push(readsOf('acc-2')));
    const { route, stateOf, button, build, card } = show(
      { 'acc-1': needsReauth('consent_expired'), 'acc-2': needsReauth('invalid_credentials') },
      { onLinked },
    );
    const readsOf = (id: string) => sent(route, 'GET', `/accounts/${id}/balance`).length;
    await waitFor(() => expect(stateOf('acc-2')).toBe('reauth'));
    const reconnect = button('acc-2');
    fireEvent.click(reconnect);
    expect(stateOf('acc-2')).toBe('reconnecting');
    expect(reconnect.getAttribute('aria-busy')).toBe('true');
    // One widget per page: the other card cannot open a second one meanwhile.
    expect(button('acc-1').getAttribute('aria-disabled')).toBe('true');
    await waitFor(() => expect(widgetFrame()).not.toBeNull());

    expect(sent(route, 'POST', '/link-sessions').map((request) => request.body)).toEqual([
      { reauthAccountId: 'acc-2' },
    ]);
    const built = build.mock.calls[0]![0];
    expect([built.reauth_account, built.reauth_bank]).toEqual([
      PROVIDER_LINKS['acc-2']!.account,
      PROVIDER_LINKS['acc-2']!.bank,
    ]);
    // okra-js's own re-authentication URL, which it picks from those two options.
    expect(widgetFrame()!.src).toBe(`${WIDGET_ORIGIN}/?isIframe=true&withOptions=true&isQuickRUX=true`);
    expect(widgetFrame()!.title).toBe('Reconnect your bank account');
    expect(within(card('acc-2')).getByRole('status').textContent).toMatch(/^Reconnecting to your bank…/);

    const before = { 'acc-1': readsOf('acc-1'), 'acc-2': readsOf('acc-2') };
    act(() => widgetLoaded());
    act(() => postFrom(WIDGET_ORIGIN, { success: true, accounts: [] }));
    // Confirmed while the widget shows its own success screen; the account is read again before onLinked.
    await waitFor(() => expect(onLinked).toHaveBeenCalledTimes(1));
    expect(sent(route, 'POST', '/links').map((request) => request.body)).toEqual([{ linkToken: 'lt_1' }]);
    expect(readsAtLinked).toEqual([before['acc-2'] + 1]);
    expect(readsOf('acc-1')).toBe(before['acc-1']);
    expect((onLinked.mock.calls[0] as unknown[])[0]).toMatchObject([
      { id: 'acc-2', health: { state: 'ok' } },
    ]);
    expect(stateOf('acc-2')).toBe('reconnecting');

    act(() => postFrom(WIDGET_ORIGIN, { close: true }));
    expect(stateOf('acc-2')).toBe('reconnected');
    expect(within(card('acc-2')).getByRole('status').textContent).toBe(
      'Reconnected. Refresh to see the latest balance.',
    );
    expect(within(card('acc-2')).queryByRole('alert')).toBeNull();
    // The other account still needs its user.
    expect(stateOf('acc-1')).toBe('reauth');
    // The same button, now Refresh: focus came back to it and stays.
    expect(button('acc-2')).toBe(reconnect);
    expect(reconnect.textContent).toBe('Refresh balance');
    expect(document.activeElement).toBe(reconnect);
    fireEvent.click(reconnect);
    await waitFor(() => expect(sent(route, 'POST', '/accounts/acc-2/refresh')).toHaveLength(1));
  });

  it('a cancelled widget leaves the card asking to reconnect, with focus back on its button', async () => {
    const { route, stateOf, button } = show({ 'acc-1': needsReauth('token_required') });
    await waitFor(() => expect(stateOf()).toBe('reauth'));
    fireEvent.click(button());
    await waitFor(() => expect(widgetFrame()).not.toBeNull());
    act(() => widgetLoaded());
    act(() => postFrom(WIDGET_ORIGIN, { close: true }));
    expect(stateOf()).toBe('reauth');
    expect(document.activeElement).toBe(button());
    expect(button().getAttribute('aria-busy')).toBe('false');
    expect(sent(route, 'POST', '/links')).toHaveLength(0);
  });

  it('when the server cannot confirm, says so in words and offers Reconnect again', async () => {
    const { stateOf, button, card } = show(
      { 'acc-1': needsReauth('token_required') },
      { failLinks: () => apiError(503, 'provider_unavailable', 'upstream 503') },
    );
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    await waitFor(() => expect(stateOf()).toBe('reauth'));
    fireEvent.click(button());
    await waitFor(() => expect(widgetFrame()).not.toBeNull());
    act(() => postFrom(WIDGET_ORIGIN, { success: true, accounts: [] }));
    act(() => postFrom(WIDGET_ORIGIN, { close: true }));
    await waitFor(() => expect(stateOf()).toBe('reauth'));
    expect(within(card()).getByRole('alert').textContent).toBe(
      'Something went wrong on our side. Try again in a moment.',
    );
    // The last good balance stays on screen after the failed reconnect.
    expect(within(card()).getByText('Ledger balance').nextElementSibling?.textContent).toBe('₦1,620.00');
    expect(button().textContent).toBe('Reconnect');
  });

  it('in StrictMode, one click makes one link session and one widget', async () => {
    const real = realOkra();
    const route = reauthRoute({ widget, health: { 'acc-1': needsReauth('token_required') } });
    renderWithBalance(
      <StrictMode>
        <AccountBalance accountId="acc-1" reconnect={{ loader: real.loader }} />
      </StrictMode>,
      route.fetch,
    );
    const button = await screen.findByRole('button', { name: 'Reconnect' });
    fireEvent.click(button);
    fireEvent.click(button);
    await waitFor(() => expect(widgetFrame()).not.toBeNull());
    expect(sent(route, 'POST', '/link-sessions')).toHaveLength(1);
    expect(real.build).toHaveBeenCalledTimes(1);
  });
});

describe('<AccountBalance schedule>', () => {
  const every = (everyHours: number | null) => ({ everyHours, source: 'route' as const, nextAt: null });

  it('says how often the account refreshes when a schedule is on, and nothing when off', async () => {
    const route = fakeRoute(() => ({ status: 200, body: balanceReply() }));
    const { rerender } = renderWithBalance(
      <AccountBalance accountId="acc-1" schedule={every(12)} />,
      route.fetch,
    );
    await screen.findByText('Refreshes every 12 h.');
    rerender(<AccountBalance accountId="acc-1" schedule={every(null)} />);
    // Still the same card with its balance, only without the schedule line.
    expect(screen.getByText('Ledger balance').nextElementSibling?.textContent).toBe('₦1,620.00');
    expect(screen.queryByText(/Refreshes every/)).toBeNull();
  });

  it('says nothing of the schedule while the link needs its user (scheduled refreshes are paused)', async () => {
    const route = reauthRoute({ widget, health: { 'acc-1': needsReauth('token_required') } });
    const { container } = renderWithBalance(
      <AccountBalance accountId="acc-1" schedule={every(6)} />,
      route.fetch,
    );
    await waitFor(() => expect(container.querySelector('[data-state="reauth"]')).not.toBeNull());
    expect(screen.queryByText(/Refreshes every/)).toBeNull();
  });
});
