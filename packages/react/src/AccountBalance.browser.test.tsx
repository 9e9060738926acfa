import { render } from '@testing-library/react';
import { describe, expect, inject, it, vi } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { QueryClient } from '@tanstack/react-query';
import { AccountBalance } from './AccountBalance.tsx';
import { BalanceProvider } from './BalanceProvider.tsx';
import { BASE_URL } from './testing/fakeRoute.ts';
import { needsReauth, PROVIDER_LINKS, reauthRoute } from './testing/reauthRoute.ts';
import {
  leftovers,
  logInToGtbank,
  realOkraInChromium,
  sandboxWidget,
  widget,
} from './testing/sandboxWidget.ts';

const sandbox = inject('sandbox');
const real = realOkraInChromium();

describe('<AccountBalance> reconnecting with the real okra-js 2.1.1 and the sandbox widget', () => {
  it('opens the widget in re-authentication mode for the account clicked, and a sign-in there reconnects it', async () => {
    // Observed, not replaced: okra-js still posts what it was going to.
    const posted = vi.spyOn(real.okra, 'sendObj');
    const route = reauthRoute({
      widget: sandboxWidget(sandbox),
      health: { 'acc-1': needsReauth('consent_expired'), 'acc-2': needsReauth('token_required') },
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
    const { iframe, frame } = await widget();

    // okra-js built its re-authentication URL, and posted the options of THAT link into the widget.
    expect(iframe.src).toBe(`${sandbox.widgetOrigin}/?isIframe=true&withOptions=true&isQuickRUX=true`);
    expect(iframe.title).toBe('Reconnect your bank account');
    expect(posted).toHaveBeenCalledTimes(1);
    expect(posted.mock.calls[0]![0]).toMatchObject({
      reauth_account: PROVIDER_LINKS['acc-2']!.account,
      reauth_bank: PROVIDER_LINKS['acc-2']!.bank,
      key: sandbox.credentials.publicKey,
      options: { linkToken: 'lt_1' },
    });
    expect(card(1).getAttribute('data-state')).toBe('reconnecting');

    await logInToGtbank(frame, sandbox.login);
    await expect.poll(() => route.sent.filter((request) => request.path === '/links').length).toBe(1);
    // Waits for the widget's success screen (assertions cannot reach into its cross-origin frame).
    await frame.getByRole('button', { name: 'Done', exact: true }).hover();
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
