import { render } from '@testing-library/react';
import { afterEach, describe, expect, inject, it, vi } from 'vitest';
import { page, userEvent, type FrameLocator } from 'vitest/browser';
import type { LinkResult, LinkSessionResponse } from '@okra-balance/core';
import { BalanceProvider } from './BalanceProvider.tsx';
import { ConnectBalance, type ConnectBalanceProps } from './ConnectBalance.tsx';
import type { ConnectBalanceError } from './ConnectBalanceError.ts';
import { BASE_URL, fakeRoute } from './testing/fakeRoute.ts';
import {
  leftovers,
  logInToGtbank as logIn,
  realOkraInChromium,
  sandboxWidget,
  widget,
} from './testing/sandboxWidget.ts';
import type { StandaloneWidgetOptions } from './UseConnectBalanceOptions.ts';

const sandbox = inject('sandbox');
const lookalike = inject('lookalike');
const real = realOkraInChromium();

afterEach(() => {
  for (const frame of document.querySelectorAll('iframe[title="forger"], iframe[title="second widget"]')) {
    frame.remove();
  }
});

// Nothing listens on port 2 of this machine (a port below 1024, and not one Chromium refuses to call).
const DEAD_ORIGIN = 'http://127.0.0.1:2';

function mount(
  props: Partial<Extract<ConnectBalanceProps, StandaloneWidgetOptions>> = {},
  provider: typeof sandbox = sandbox,
) {
  const callbacks = { onSuccess: vi.fn(), onClose: vi.fn(), onError: vi.fn(), onEvent: vi.fn() };
  const utils = render(
    <ConnectBalance
      publicKey={provider.credentials.publicKey}
      token={provider.credentials.clientToken}
      env="production-sandbox"
      widgetOrigin={provider.widgetOrigin}
      name="Balance demo"
      {...callbacks}
      {...props}
    />,
  );
  const button = page.getByRole('button', { name: 'Link your bank account' });
  return { ...utils, ...callbacks, button, element: button.element() as HTMLButtonElement };
}

const logInToGtbank = (frame: FrameLocator, login = sandbox.login) => logIn(frame, login);

describe('<ConnectBalance> with the real okra-js 2.1.1 and the sandbox widget', () => {
  it('links an account end to end, then closes cleanly and gives focus back', async () => {
    const { button, element, onSuccess, onClose, onEvent } = mount({ options: { userRef: 'browser-e2e' } });
    await button.click();
    const { iframe, frame } = await widget();
    expect(iframe.title).toBe('Link your bank account');
    expect(iframe.src).toBe(`${sandbox.widgetOrigin}/?isIframe=true&withOptions=true`);
    await logInToGtbank(frame);
    await expect.poll(() => onSuccess.mock.calls.length).toBe(1);

    const result = onSuccess.mock.calls[0]![0] as LinkResult;
    expect(result.customerId).toEqual(expect.any(String));
    expect(result.bank?.name).toBe('Guaranty Trust Bank');
    expect(result.recordId).toEqual(expect.any(String));
    expect(result.accounts.length).toBeGreaterThan(0);
    for (const account of result.accounts) expect(account.maskedNuban).toMatch(/^\*{6}\d{4}$/);
    await expect
      .poll(() => onEvent.mock.calls.map(([event]) => event.event_name))
      .toContain('ACCOUNTS_LINKED');

    await frame.getByRole('button', { name: 'Done' }).click();
    await expect.poll(() => onClose.mock.calls).toEqual([[{ linked: true }]]);
    expect(leftovers()).toBe(0);
    expect(document.activeElement).toBe(element);
  });

  it('a cancel reports linked: false and gives focus back', async () => {
    const { button, element, onClose, onSuccess } = mount();
    await button.click();
    const { frame } = await widget();
    await frame.getByRole('button', { name: 'Close', exact: true }).click();
    await expect.poll(() => onClose.mock.calls).toEqual([[{ linked: false }]]);
    expect(onSuccess).not.toHaveBeenCalled();
    expect(leftovers()).toBe(0);
    expect(document.activeElement).toBe(element);
  });

  it('a double click makes one widget', async () => {
    const build = vi.spyOn(real.okra, 'buildWithOptions');
    const { button } = mount();
    await button.dblClick();
    await widget();
    expect(build).toHaveBeenCalledTimes(1);
    expect(document.querySelectorAll('iframe')).toHaveLength(1);
  });

  it('unmounting while open leaves nothing in the DOM and no listener behind', async () => {
    const { button, unmount, onEvent } = mount();
    await button.click();
    await widget();
    const seen = vi.spyOn(real.okra, 'handleEvent');
    const source = document.querySelector('iframe')?.contentWindow ?? null;
    // A message as the widget would post it; the widget's own messages may arrive meanwhile, so count probes.
    const probe = () =>
      window.dispatchEvent(
        new MessageEvent('message', {
          origin: sandbox.widgetOrigin,
          source,
          data: { event: true, event_name: 'PROBE' },
        }),
      );
    const probesSeen = () => seen.mock.calls.filter(([event]) => event.data?.event_name === 'PROBE').length;
    const probesReported = () => onEvent.mock.calls.filter(([event]) => event.event_name === 'PROBE').length;
    probe();
    expect([probesSeen(), probesReported()]).toEqual([1, 1]);
    unmount();
    expect(leftovers()).toBe(0);
    expect(document.body.querySelectorAll('iframe, div[id^="okra-"]')).toHaveLength(0);
    probe();
    expect([probesSeen(), probesReported()]).toEqual([1, 1]);
  });

  it('ignores a forged success from a look-alike origin that okra-js itself would accept', async () => {
    const forgerOrigin = new URL(lookalike.forgerUrl).origin;
    expect(forgerOrigin.startsWith(lookalike.widgetOrigin)).toBe(true);
    // Registered before the widget opens, so it sees every message before any other listener.
    const arrived: string[] = [];
    const record = (event: MessageEvent) => arrived.push(event.origin);
    window.addEventListener('message', record, true);
    try {
      const { button, onSuccess, onClose } = mount({}, { ...sandbox, ...lookalike });
      await button.click();
      const { frame, iframe } = await widget();
      const seen = vi.spyOn(real.okra, 'handleEvent');

      const forger = Object.assign(document.createElement('iframe'), {
        src: lookalike.forgerUrl,
        title: 'forger',
      });
      document.body.append(forger);
      await expect.poll(() => arrived.filter((origin) => origin === forgerOrigin).length).toBe(2);
      expect(seen.mock.calls.filter(([event]) => event.origin === forgerOrigin)).toEqual([]);
      expect(onSuccess).not.toHaveBeenCalled();
      expect(onClose).not.toHaveBeenCalled();
      expect(iframe.isConnected).toBe(true);

      // The real widget still gets through.
      await logInToGtbank(frame, lookalike.login);
      await expect.poll(() => onSuccess.mock.calls.length).toBe(1);
      expect((onSuccess.mock.calls[0]![0] as LinkResult).customerId).not.toBe('forged-customer');
    } finally {
      window.removeEventListener('message', record, true);
    }
  });

  it('ignores another frame on the widget’s own origin: only the widget’s iframe is heard', async () => {
    // Registered before the widget opens, so it sees every message before any other listener.
    const arrived: MessageEvent[] = [];
    const record = (event: MessageEvent) => arrived.push(event);
    window.addEventListener('message', record, true);
    try {
      const { button, onClose, onEvent } = mount();
      await button.click();
      const { iframe } = await widget();
      const seen = vi.spyOn(real.okra, 'handleEvent');
      // The same widget page in a second frame (say, one a script on the page embedded): its close button
      // posts `close` from the widget's exact origin, which okra-js alone would obey.
      const second = Object.assign(document.createElement('iframe'), {
        src: `${sandbox.widgetOrigin}/?isIframe=true&withOptions=true`,
        title: 'second widget',
      });
      // Above the widget, so a person (or this test) can reach its close button.
      second.style.cssText = 'position: fixed; inset: 0; width: 60%; height: 60%; z-index: 2147483647;';
      document.body.append(second);
      const fromSecond = () => arrived.filter((event) => event.source === second.contentWindow);
      await expect
        .poll(() => fromSecond().map((event) => Object.keys(event.data as object)[0]))
        .toEqual(['ifameLoaded']);
      await page
        .frameLocator(page.elementLocator(second))
        .getByRole('button', { name: 'Close', exact: true })
        .click();
      await expect
        .poll(() => fromSecond().some((event) => (event.data as { close?: boolean }).close))
        .toBe(true);
      expect(seen.mock.calls.filter(([event]) => event.source === second.contentWindow)).toEqual([]);
      expect(onClose).not.toHaveBeenCalled();
      expect(onEvent.mock.calls.map(([event]) => event.event_name)).not.toContain('WIDGET_CLOSED');
      expect(iframe.isConnected).toBe(true);
      // The widget's own close still works.
      await page
        .frameLocator(page.elementLocator(iframe))
        .getByRole('button', { name: 'Close', exact: true })
        .click();
      await expect.poll(() => onClose.mock.calls).toEqual([[{ linked: false }]]);
    } finally {
      window.removeEventListener('message', record, true);
    }
  });

  it('removes a widget whose origin serves nothing after loadTimeoutMs, gives focus back and says why', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const { button, element, onError, onClose } = mount({ widgetOrigin: DEAD_ORIGIN, loadTimeoutMs: 1_500 });
    await button.click();
    await expect.poll(() => leftovers()).toBe(2);
    await expect.poll(() => onError.mock.calls.length, { timeout: 10_000 }).toBe(1);
    expect((onError.mock.calls[0]![0] as ConnectBalanceError).code).toBe('widget_load_timeout');
    expect(onClose.mock.calls).toEqual([[{ linked: false }]]);
    expect(leftovers()).toBe(0);
    expect(document.activeElement).toBe(element);
    await expect
      .element(page.getByRole('alert'))
      .toHaveTextContent('The bank widget did not load. Check your connection, then try again.');
    await expect.element(button).toHaveAttribute('data-state', 'idle');
  });

  it('Escape closes a widget that has not loaded', async () => {
    const { button, element, onError, onClose } = mount({ widgetOrigin: DEAD_ORIGIN });
    await button.click();
    await expect.poll(() => leftovers()).toBe(2);
    expect(document.activeElement).toBe(element);
    await userEvent.keyboard('{Escape}');
    await expect.poll(() => onClose.mock.calls).toEqual([[{ linked: false }]]);
    expect(leftovers()).toBe(0);
    expect(onError).not.toHaveBeenCalled();
    expect(document.activeElement).toBe(element);
  });
});

describe('one widget per page, in Chromium', () => {
  it('two buttons clicked while the link session loads make one session, one load and one widget', async () => {
    const build = vi.spyOn(real.okra, 'buildWithOptions');
    const session: LinkSessionResponse = {
      linkToken: 'lt_browser',
      expiresAt: new Date(Date.now() + 900_000).toISOString(),
      widget: { ...sandboxWidget(sandbox), options: { linkToken: 'lt_browser' } },
    };
    let answer: () => void = () => undefined;
    const route = fakeRoute((request) =>
      request.path === '/link-sessions'
        ? new Promise((resolve) => (answer = () => resolve({ status: 201, body: session })))
        : { status: 200, body: { accounts: [] } },
    );
    render(
      <BalanceProvider baseUrl={BASE_URL} fetch={route.fetch}>
        <ConnectBalance>First</ConnectBalance>
        <ConnectBalance>Second</ConnectBalance>
      </BalanceProvider>,
    );
    const first = page.getByRole('button', { name: 'First' });
    const second = page.getByRole('button', { name: 'Second' });
    // Real clicks, past Playwright's wait for an enabled button: a person can click an aria-disabled one.
    await first.click();
    await second.click({ force: true });
    await first.click({ force: true });
    await expect.element(second).toHaveAttribute('aria-disabled', 'true');
    await expect.element(first).toHaveAttribute('aria-busy', 'true');
    answer();
    const { frame } = await widget();
    expect(route.sent.filter((request) => request.path === '/link-sessions')).toHaveLength(1);
    expect(build).toHaveBeenCalledTimes(1);
    expect(document.querySelectorAll('iframe')).toHaveLength(1);
    await frame.getByRole('button', { name: 'Close', exact: true }).click();
    await expect.element(second).toHaveAttribute('aria-disabled', 'false');
    expect(leftovers()).toBe(0);
  });
});
