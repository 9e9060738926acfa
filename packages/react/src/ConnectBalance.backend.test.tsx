import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { LinkSessionResponse } from '@okra-balance/core';
import type { BalanceApiError } from './BalanceApiError.ts';
import { ConnectBalance } from './ConnectBalance.tsx';
import type { ConnectBalanceError } from './ConnectBalanceError.ts';
import { useLinkedAccounts } from './useLinkedAccounts.ts';
import './testing/cleanup.ts';
import { apiError, fakeRoute, type SentRequest } from './testing/fakeRoute.ts';
import { account } from './testing/fixtures.ts';
import { postFrom, realOkra, strayNodes, WIDGET_ORIGIN } from './testing/realOkra.ts';
import { needsReauth, PROVIDER_LINKS, reauthRoute } from './testing/reauthRoute.ts';
import { renderWithBalance } from './testing/renderWithBalance.tsx';

const session: LinkSessionResponse = {
  linkToken: 'lt_1',
  expiresAt: '2026-11-20T09:15:00.000Z',
  widget: {
    key: 'pk_from_server',
    token: 'ct_from_server',
    env: 'production',
    products: ['auth', 'balance'],
    widgetOrigin: WIDGET_ORIGIN,
    appId: 'app-1',
    name: 'Demo Bank App',
    callbackUrl: 'https://example.com/api/balance/webhooks/okra',
    options: { linkToken: 'lt_1' },
  },
};

function AccountNames() {
  const { data = [] } = useLinkedAccounts();
  return (
    <ul aria-label="Linked accounts">
      {data.map((item) => (
        <li key={item.id}>{item.name}</li>
      ))}
    </ul>
  );
}

/** The route as the server answers it: a link session, a link the provider writes after `notFoundFirst` asks. */
function linkRoute(notFoundFirst: number, overrides: Partial<Record<string, () => unknown>> = {}) {
  let linked = false;
  let linkAsks = 0;
  return fakeRoute((request: SentRequest) => {
    const key = `${request.method} ${request.path}`;
    const override = overrides[key];
    if (override) return override() as never;
    if (key === 'POST /link-sessions') return { status: 201, body: session };
    if (key === 'POST /links') {
      if (++linkAsks <= notFoundFirst) return apiError(404, 'link_not_found', 'not written yet');
      linked = true;
      return { status: 201, body: { accounts: [account({ name: 'Ada Obi (from the provider)' })] } };
    }
    if (key === 'GET /accounts') {
      return {
        status: 200,
        body: { accounts: linked ? [account({ name: 'Ada Obi (from the provider)' })] : [] },
      };
    }
    return apiError(404, 'not_found');
  });
}

describe('<ConnectBalance /> inside <BalanceProvider>', () => {
  it('opens the widget from a server link session, confirms the link by token, and refreshes the list', async () => {
    const real = realOkra();
    const route = linkRoute(2);
    const onSuccess = vi.fn();
    const onLinked = vi.fn();
    renderWithBalance(
      <>
        <ConnectBalance loader={real.loader} onSuccess={onSuccess} onLinked={onLinked} />
        <AccountNames />
      </>,
      route.fetch,
    );
    await waitFor(() => expect(route.sent.map((r) => r.path)).toContain('/accounts'));
    fireEvent.click(screen.getByRole('button', { name: 'Link your bank account' }));
    await waitFor(() => expect(document.querySelectorAll('iframe')).toHaveLength(1));

    const start = route.sent.find((r) => r.path === '/link-sessions')!;
    expect(start).toMatchObject({ method: 'POST', credentials: 'same-origin', body: {} });
    expect(start.headers['content-type']).toBe('application/json');
    expect(real.okra.baseUrl).toBe(WIDGET_ORIGIN);
    expect(real.build.mock.calls[0]![0]).toMatchObject({
      key: 'pk_from_server',
      token: 'ct_from_server',
      env: 'production',
      app_id: 'app-1',
      name: 'Demo Bank App',
      callback_url: 'https://example.com/api/balance/webhooks/okra',
      options: { linkToken: 'lt_1' },
      products: ['auth', 'balance'],
    });

    // What the widget claims is only a display hint; the server's answer is what gets stored and shown.
    act(() => postFrom(WIDGET_ORIGIN, { success: true, accounts: [{ id: 'claimed-by-widget' }] }));
    expect(onSuccess.mock.calls[0]![0].accounts[0].id).toBe('claimed-by-widget');
    await waitFor(() => expect(onLinked).toHaveBeenCalledTimes(1));
    const links = route.sent.filter((r) => r.path === '/links');
    expect(links).toHaveLength(3);
    expect(links.every((r) => r.method === 'POST' && JSON.stringify(r.body) === '{"linkToken":"lt_1"}')).toBe(
      true,
    );
    expect(onLinked.mock.calls[0]![0][0].name).toBe('Ada Obi (from the provider)');
    await screen.findByText('Ada Obi (from the provider)');
    expect(route.sent.filter((r) => r.path === '/accounts')).toHaveLength(2);

    act(() => postFrom(WIDGET_ORIGIN, { close: true }));
    expect(strayNodes()).toEqual([]);
  });

  it('shows a message a person understands when the server cannot start a session, and retries on click', async () => {
    const real = realOkra();
    let down = true;
    const route = linkRoute(0, {
      'POST /link-sessions': () =>
        down
          ? apiError(503, 'provider_unavailable', 'upstream 503 from api.okra.ng')
          : { status: 201, body: session },
    });
    const onError = vi.fn();
    renderWithBalance(<ConnectBalance loader={real.loader} onError={onError} />, route.fetch);
    const button = screen.getByRole('button');
    fireEvent.click(button);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe('Something went wrong on our side. Try again in a moment.');
    const error = onError.mock.calls[0]![0] as ConnectBalanceError;
    expect(error.code).toBe('link_session_failed');
    expect((error.cause as BalanceApiError).code).toBe('provider_unavailable');
    expect(real.build).not.toHaveBeenCalled();
    down = false;
    fireEvent.click(button);
    await waitFor(() => expect(document.querySelectorAll('iframe')).toHaveLength(1));
    expect(route.sent.filter((r) => r.path === '/link-sessions')).toHaveLength(2);
  });

  it('does not retry a refused link token, and reports it typed', async () => {
    const real = realOkra();
    const route = linkRoute(0, { 'POST /links': () => apiError(409, 'link_token_used', 'used') });
    const onError = vi.fn();
    renderWithBalance(<ConnectBalance loader={real.loader} onError={onError} />, route.fetch);
    fireEvent.click(screen.getByRole('button'));
    await waitFor(() => expect(document.querySelectorAll('iframe')).toHaveLength(1));
    act(() => postFrom(WIDGET_ORIGIN, { success: true }));
    await waitFor(() => expect(onError).toHaveBeenCalledTimes(1));
    expect((onError.mock.calls[0]![0] as ConnectBalanceError).code).toBe('link_failed');
    expect(((onError.mock.calls[0]![0] as ConnectBalanceError).cause as BalanceApiError).status).toBe(409);
    expect(route.sent.filter((r) => r.path === '/links')).toHaveLength(1);
  });

  it('two buttons clicked while the first link session loads make one session and one widget', async () => {
    const real = realOkra();
    let answer: () => void = () => undefined;
    const route = linkRoute(0, {
      'POST /link-sessions': () =>
        new Promise((resolve) => (answer = () => resolve({ status: 201, body: session }))),
    });
    renderWithBalance(
      <>
        <ConnectBalance loader={real.loader}>First</ConnectBalance>
        <ConnectBalance loader={real.loader}>Second</ConnectBalance>
      </>,
      route.fetch,
    );
    const first = screen.getByRole('button', { name: 'First' });
    const second = screen.getByRole('button', { name: 'Second' });
    fireEvent.click(first);
    fireEvent.click(second);
    fireEvent.click(first);
    expect(second.getAttribute('aria-disabled')).toBe('true');
    await waitFor(() => expect(route.sent.filter((r) => r.path === '/link-sessions')).toHaveLength(1));
    answer();
    await waitFor(() => expect(document.querySelectorAll('iframe')).toHaveLength(1));
    expect(route.sent.filter((r) => r.path === '/link-sessions')).toHaveLength(1);
    expect(real.build).toHaveBeenCalledTimes(1);
    expect(first.getAttribute('data-state')).toBe('open');
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('refuses a widget origin from the server that is not an origin, before building anything', async () => {
    const real = realOkra();
    const route = linkRoute(0, {
      'POST /link-sessions': () => ({
        status: 201,
        body: { ...session, widget: { ...session.widget, widgetOrigin: 'app.okra.ng' } },
      }),
    });
    const onError = vi.fn();
    renderWithBalance(<ConnectBalance loader={real.loader} onError={onError} />, route.fetch);
    fireEvent.click(screen.getByRole('button'));
    await waitFor(() => expect(onError).toHaveBeenCalledTimes(1));
    expect((onError.mock.calls[0]![0] as ConnectBalanceError).code).toBe('invalid_options');
    expect(screen.getByRole('alert').textContent).toContain('"widgetOrigin" must be an origin');
    expect(real.build).not.toHaveBeenCalled();
  });
});

describe('<ConnectBalance reauthAccountId> inside <BalanceProvider>', () => {
  it('asks for a session for that account and opens okra-js on its link; a new link asks for none', async () => {
    const real = realOkra();
    const route = reauthRoute({
      widget: session.widget,
      health: { 'acc-1': needsReauth('token_required'), 'acc-2': needsReauth('consent_expired') },
    });
    renderWithBalance(
      <>
        <ConnectBalance loader={real.loader}>New link</ConnectBalance>
        <ConnectBalance loader={real.loader} reauthAccountId="acc-1">
          Reconnect 1
        </ConnectBalance>
        <ConnectBalance loader={real.loader} reauthAccountId="acc-2">
          Reconnect 2
        </ConnectBalance>
      </>,
      route.fetch,
    );
    const sessions = () => route.sent.filter((r) => r.path === '/link-sessions').map((r) => r.body);
    const pick = (options: Record<string, unknown>) => [options.reauth_account, options.reauth_bank];
    for (const [name, body] of [
      ['Reconnect 2', { reauthAccountId: 'acc-2' }],
      ['New link', {}],
    ] as const) {
      fireEvent.click(screen.getByRole('button', { name }));
      await waitFor(() => expect(document.querySelectorAll('iframe')).toHaveLength(1));
      expect(sessions().at(-1)).toEqual(body);
      act(() => postFrom(WIDGET_ORIGIN, { close: true }));
    }
    const [reconnect, fresh] = real.build.mock.calls.map(([options]) => options);
    expect(pick(reconnect!)).toEqual([PROVIDER_LINKS['acc-2']!.account, PROVIDER_LINKS['acc-2']!.bank]);
    expect(pick(fresh!)).toEqual([undefined, undefined]);
    expect(Object.keys(fresh!)).not.toContain('reauth_account');
  });
});
