import { render } from '@testing-library/react';
import { describe, expect, inject, it, vi } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { QueryClient } from '@tanstack/react-query';
import { AccountBalance } from './AccountBalance.tsx';
import { BalanceProvider } from './BalanceProvider.tsx';
import { BASE_URL } from './testing/fakeRoute.ts';
import { needsReauth, PROVIDER_LINKS, reauthRoute } from './testing/reauthRoute.ts';
import { leftovers, realOkraInChromium, sandboxWidget, widget } from './testing/sandboxWidget.ts';

const sandbox = inject('sandbox');
const real = realOkraInChromium();

describe('<AccountBalance> reconnecting with the real okra-js 2.1.1 and the sandbox widget', () => {
  it('opens the widget in re-authentication mode for the account clicked, and a sign-in there reconnects it', async () => {
    // Observed, not replaced: okra-js still posts what it was going to.
    const posted = vi.spyOn(real.okra, 'sendObj');
    // The second account is a real sandbox link whose bank now asks for a one-time password.
    const link = await control<{ bank: { _id: string }; accounts: { _id: string }[] }>('POST', '/link', {
      bankId: 'gtbank',
      accounts: 1,
    });
    const second = { account: link.accounts[0]?._id ?? '', bank: link.bank._id };
    await control('POST', `/accounts/${second.account}/expire`, { status: 'token_required' });
    const route = reauthRoute({
      widget: sandboxWidget(sandbox),
      health: { 'acc-1': needsReauth('consent_expired'), 'acc-2': needsReauth('token_required') },
      links: { ...PROVIDER_LINKS, 'acc-2': second },
    });
    const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    const { container } = render(
      <BalanceProvider baseUrl={BASE_URL} fetch={route.fetch} queryClient={queryClient}>
        <AccountBalance accountId="acc-1" label="First" />
        <AccountBalance accountId="acc-2" label="Second" />
      </BalanceProvider>,
    );
    const card = (n: number) => container.querySelectorAll('.ob-balance')[n]!;
    const reconnectSecond = page.getByRole('button', { name: 'Reconnect' }).nth(1);
    await expect.element(reconnectSecond).toBeVisible();
    await reconnectSecond.click();
    const { iframe, frame } = await widget('Sign in to Guaranty Trust Bank again');

    // okra-js built its re-authentication URL, and posted the options of THAT link into the widget.
    expect(iframe.src).toBe(`${sandbox.widgetOrigin}/?isIframe=true&withOptions=true&isQuickRUX=true`);
    expect(iframe.title).toBe('Reconnect your bank account');
    expect(posted).toHaveBeenCalledTimes(1);
    expect(posted.mock.calls[0]![0]).toMatchObject({
      reauth_account: second.account,
      reauth_bank: second.bank,
      key: sandbox.credentials.publicKey,
      options: { linkToken: 'lt_1' },
    });
    expect(card(1).getAttribute('data-state')).toBe('reconnecting');

    // The sandbox widget's re-authentication screen: the bank is fixed, and it asks for the one-time password.
    await frame.getByLabelText('Username').fill(sandbox.login.username);
    await frame.getByLabelText('Password').fill(sandbox.login.password);
    await frame.getByLabelText('One-time password').fill(sandbox.login.otp);
    await frame.getByRole('button', { name: 'Reconnect' }).click();
    await expect.poll(() => route.sent.filter((request) => request.path === '/links').length).toBe(1);
    // Waits for the widget's success screen (assertions cannot reach into its cross-origin frame).
    await frame.getByRole('dialog', { name: 'Account reconnected' }).hover();
    await expect
      .poll(() => control('GET', `/accounts/${second.account}/link`))
      .toMatchObject({
        status: 'active',
      });
    // Leaving with the keyboard (the widget's Escape, as its Done does): a click on a button that removes its
    // own frame can leave Playwright waiting on that frame, and this runner has no dispatched click into it.
    await userEvent.keyboard('{Escape}');
    await expect.poll(() => card(1).getAttribute('data-state')).toBe('reconnected');
    expect(card(0).getAttribute('data-state')).toBe('reauth');
    expect(leftovers()).toBe(0);
    const refresh = card(1).querySelector('button')!;
    expect(refresh.textContent).toBe('Refresh balance');
    expect(document.activeElement).toBe(refresh);
  });
});

/** The sandbox's control route, as a test page holding the secret key drives it (it answers CORS). */
async function control<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${new URL(sandbox.apiBaseUrl).origin}/__sandbox${path}`, {
    method,
    headers: { authorization: `Bearer ${sandbox.credentials.secretKey}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!response.ok) throw new Error(`control ${method} ${path}: ${response.status}`);
  return (await response.json()) as T;
}
