import { StrictMode, useEffect } from 'react';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { ConnectBalance, type ConnectBalanceProps } from './ConnectBalance.tsx';
import { ConnectBalanceError } from './ConnectBalanceError.ts';
import type { OkraWidget } from './OkraWidget.ts';
import { useConnectBalance } from './useConnectBalance.ts';
import type { StandaloneWidgetOptions, UseConnectBalanceOptions } from './UseConnectBalanceOptions.ts';
import './testing/cleanup.ts';
import {
  postFrom,
  realOkra,
  strayNodes,
  WIDGET_ORIGIN,
  widgetFrame,
  widgetLoaded,
} from './testing/realOkra.ts';

const standalone = {
  publicKey: 'pk_test_1',
  token: 'client-token-1',
  env: 'production-sandbox',
  widgetOrigin: WIDGET_ORIGIN,
} as const;

type StandaloneProps = Extract<ConnectBalanceProps, StandaloneWidgetOptions>;

function setup(props: Partial<StandaloneProps> = {}) {
  const real = realOkra();
  const utils = render(<ConnectBalance {...standalone} loader={real.loader} {...props} />);
  return { ...real, ...utils, button: screen.getByRole('button', { name: 'Link your bank account' }) };
}

const iframes = () => document.querySelectorAll('iframe');

describe('useConnectBalance with the real okra-js', () => {
  it('opens one widget for a double click, with auth and balance, a titled iframe and its origin', async () => {
    const { button, build, okra } = setup({ products: ['identity'] });
    fireEvent.click(button);
    fireEvent.click(button);
    await waitFor(() => expect(iframes()).toHaveLength(1));
    const iframe = iframes()[0]!;
    fireEvent.click(button);
    expect(build).toHaveBeenCalledTimes(1);
    expect(iframes()).toHaveLength(1);
    expect(iframe.title).toBe('Link your bank account');
    expect(iframe.src).toBe(`${WIDGET_ORIGIN}/?isIframe=true&withOptions=true`);
    expect(okra.baseUrl).toBe(WIDGET_ORIGIN);
    expect(build.mock.calls[0]![0]).toMatchObject({
      key: 'pk_test_1',
      token: 'client-token-1',
      env: 'production-sandbox',
      products: ['auth', 'balance', 'identity'],
    });
  });

  it('keeps focus on the page until the widget says it has loaded, then moves it into the widget', async () => {
    const { button } = setup();
    fireEvent.click(button);
    await waitFor(() => expect(iframes()).toHaveLength(1));
    expect(document.activeElement).toBe(button);
    act(() => widgetLoaded());
    expect(document.activeElement).toBe(iframes()[0]);
  });

  it('keeps a second component on the page from opening a second widget, and says so on its button', async () => {
    const real = realOkra();
    render(
      <>
        <ConnectBalance {...standalone} loader={real.loader}>
          First
        </ConnectBalance>
        <ConnectBalance {...standalone} loader={real.loader}>
          Second
        </ConnectBalance>
      </>,
    );
    const first = screen.getByRole('button', { name: 'First' });
    const second = screen.getByRole('button', { name: 'Second' });
    fireEvent.click(first);
    // Claimed at once, before anything loaded: the other button is already unavailable.
    expect(second.getAttribute('aria-disabled')).toBe('true');
    expect(first.getAttribute('aria-busy')).toBe('true');
    fireEvent.click(second);
    await waitFor(() => expect(iframes()).toHaveLength(1));
    fireEvent.click(second);
    expect(real.build).toHaveBeenCalledTimes(1);
    expect(iframes()).toHaveLength(1);
    expect(first.getAttribute('data-state')).toBe('open');
    expect(second.getAttribute('data-state')).toBe('idle');
    act(() => postFrom(WIDGET_ORIGIN, { close: true }));
    expect(second.getAttribute('aria-disabled')).toBe('false');
    fireEvent.click(second);
    await waitFor(() => expect(real.build).toHaveBeenCalledTimes(2));
  });

  it('builds once when StrictMode runs an opening effect twice', async () => {
    const real = realOkra();
    function AutoOpen() {
      const { open } = useConnectBalance({ ...standalone, loader: real.loader });
      useEffect(() => open(), [open]);
      return null;
    }
    render(
      <StrictMode>
        <AutoOpen />
      </StrictMode>,
    );
    await waitFor(() => expect(iframes()).toHaveLength(1));
    expect(real.build).toHaveBeenCalledTimes(1);
  });

  it('in StrictMode, a click opens one widget and a close leaves nothing behind', async () => {
    const real = realOkra();
    const onClose = vi.fn();
    render(
      <StrictMode>
        <ConnectBalance {...standalone} loader={real.loader} onClose={onClose} />
      </StrictMode>,
    );
    fireEvent.click(screen.getByRole('button'));
    await waitFor(() => expect(iframes()).toHaveLength(1));
    expect(real.build).toHaveBeenCalledTimes(1);
    act(() => postFrom(WIDGET_ORIGIN, { close: true }));
    expect(onClose).toHaveBeenCalledTimes(1);
    expect(strayNodes()).toEqual([]);
  });

  it('unmounting while open removes iframe, overlay and both listeners', async () => {
    const onClose = vi.fn();
    const { button, unmount, seen } = setup({ onClose });
    fireEvent.click(button);
    await waitFor(() => expect(iframes()).toHaveLength(1));
    expect(strayNodes().map((node) => node.tagName)).toEqual(['DIV', 'IFRAME']);
    const source = widgetFrame()?.contentWindow ?? null;
    unmount();
    expect(strayNodes()).toEqual([]);
    postFrom(WIDGET_ORIGIN, { success: true }, source);
    postFrom(WIDGET_ORIGIN, { close: true }, source);
    expect(seen).not.toHaveBeenCalled();
    expect(onClose).not.toHaveBeenCalled();
  });

  it('unmounting while okra-js is still loading never opens that widget', async () => {
    let release: () => void = () => undefined;
    const real = realOkra();
    const slow = vi.fn(() => new Promise<OkraWidget>((resolve) => (release = () => resolve(real.okra))));
    const { button, unmount } = setup({ loader: slow });
    fireEvent.click(button);
    expect(button.getAttribute('aria-busy')).toBe('true');
    unmount();
    release();
    // Another widget opened after it, on the same okra-js: by then the cancelled open has run its course.
    render(<ConnectBalance {...standalone} loader={slow} />);
    fireEvent.click(screen.getByRole('button'));
    release();
    await waitFor(() => expect(iframes()).toHaveLength(1));
    expect(real.build).toHaveBeenCalledTimes(1);
  });

  it('calls the latest callbacks, without rebuilding, after the parent re-renders', async () => {
    const first = vi.fn();
    const second = vi.fn();
    const { button, build, rerender, loader } = setup({ onSuccess: first });
    fireEvent.click(button);
    await waitFor(() => expect(iframes()).toHaveLength(1));
    rerender(<ConnectBalance {...standalone} loader={loader} onSuccess={second} />);
    postFrom(WIDGET_ORIGIN, {
      success: true,
      auth: { customer_id: 'cus-1', bank_details: { _id: 'gtb', name: 'GTBank' } },
      accounts: [{ id: 'acc-1', name: 'Ada', nuban: '0123456789', currency: 'NGN' }],
      record: 'rec-1',
    });
    expect(first).not.toHaveBeenCalled();
    expect(second).toHaveBeenCalledTimes(1);
    expect(second.mock.calls[0]![0]).toEqual({
      customerId: 'cus-1',
      bank: { id: 'gtb', name: 'GTBank' },
      accounts: [{ id: 'acc-1', name: 'Ada', maskedNuban: '******6789', currency: 'NGN' }],
      recordId: 'rec-1',
    });
    expect(second.mock.calls[0]![1]).toMatchObject({ success: true, record: 'rec-1' });
    expect(build).toHaveBeenCalledTimes(1);
  });

  it('hands okra-js a copy: the caller’s options are never written into, and each open starts clean', async () => {
    const real = realOkra();
    const options: UseConnectBalanceOptions = {
      ...standalone,
      products: ['auth', 'balance'],
      options: { userRef: 'u-1' },
      loader: real.loader,
    };
    const frozen = structuredClone({ ...options, loader: undefined });
    render(<ConnectBalance {...options} />);
    const button = screen.getByRole('button');
    for (let round = 0; round < 2; round++) {
      fireEvent.click(button);
      await waitFor(() => expect(iframes()).toHaveLength(1));
      act(() => postFrom(WIDGET_ORIGIN, { close: true }));
      await waitFor(() => expect(iframes()).toHaveLength(0));
    }
    const [first, second] = real.build.mock.calls.map(([passed]) => passed);
    expect({ ...options, loader: undefined }).toEqual(frozen);
    expect(first).toMatchObject({ source: 'integration', hideCardOnExit: true, withOptions: true });
    expect(second).not.toBe(first);
    expect(second!.options).not.toBe(first!.options);
    expect(second!.options).toEqual({ userRef: 'u-1' });
  });

  it('passes extraWidgetOptions on to okra-js, under the named options', async () => {
    const { button, build } = setup({
      color: '#123456',
      extraWidgetOptions: { newer_option: { on: true }, shade: 'dark' },
    });
    fireEvent.click(button);
    await waitFor(() => expect(build).toHaveBeenCalledTimes(1));
    expect(build.mock.calls[0]![0]).toMatchObject({
      color: '#123456',
      newer_option: { on: true },
      shade: 'dark',
      key: 'pk_test_1',
    });
  });

  it('refuses an env okra-js would silently turn into the sandbox, naming the option', async () => {
    const onError = vi.fn();
    const { button, build } = setup({ env: 'sandbox' as never, onError });
    expect(screen.getByRole('alert').textContent).toContain(
      '"env" must be "production" or "production-sandbox"',
    );
    fireEvent.click(button);
    await waitFor(() => expect(onError).toHaveBeenCalledTimes(1));
    const error = onError.mock.calls[0]![0] as ConnectBalanceError;
    expect(error).toBeInstanceOf(ConnectBalanceError);
    expect(error.code).toBe('invalid_options');
    expect(error.message).toContain('"sandbox"');
    expect(build).not.toHaveBeenCalled();
  });

  it('names every wrong option on render, before anything loads: a missing key, a widget origin with a path', async () => {
    const real = realOkra();
    const onError = vi.fn();
    const { rerender } = render(
      <ConnectBalance
        {...({ token: 't', env: 'production' } as unknown as StandaloneProps)}
        loader={real.loader}
      />,
    );
    expect(screen.getByRole('alert').textContent).toContain('"publicKey" is missing');
    rerender(
      <ConnectBalance
        {...standalone}
        widgetOrigin="http://127.0.0.1:5174/widget"
        loader={real.loader}
        onError={onError}
      />,
    );
    expect(screen.getByRole('alert').textContent).toContain('"widgetOrigin" must be an origin');
    expect(real.loader).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button'));
    await waitFor(() => expect(onError).toHaveBeenCalledTimes(1));
    expect((onError.mock.calls[0]![0] as ConnectBalanceError).code).toBe('invalid_options');
    expect(real.build).not.toHaveBeenCalled();
  });

  it('in production builds, says the page is not set up and names the option, without the development sentence', () => {
    vi.stubEnv('NODE_ENV', 'production');
    try {
      setup({ widgetOrigin: 'app.okra.ng' });
      expect(screen.getByRole('alert').textContent).toBe(
        'Bank linking is not set up on this page: check its "widgetOrigin" option.',
      );
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('tells a cancel from a close after success, and returns focus to the button', async () => {
    const onClose = vi.fn();
    const { button } = setup({ onClose });
    fireEvent.click(button);
    await waitFor(() => expect(iframes()).toHaveLength(1));
    act(() => widgetLoaded());
    act(() => postFrom(WIDGET_ORIGIN, { close: true }));
    expect(onClose).toHaveBeenLastCalledWith({ linked: false });
    expect(strayNodes()).toEqual([]);
    expect(document.activeElement).toBe(button);

    fireEvent.click(button);
    await waitFor(() => expect(iframes()).toHaveLength(1));
    act(() => widgetLoaded());
    act(() => postFrom(WIDGET_ORIGIN, { success: true, accounts: [] }));
    act(() => postFrom(WIDGET_ORIGIN, { close: true }));
    expect(onClose).toHaveBeenLastCalledWith({ linked: true });
    expect(document.activeElement).toBe(button);
  });

  it('reports widget errors and events, typed', async () => {
    const onError = vi.fn();
    const onEvent = vi.fn();
    const { button } = setup({ onError, onEvent });
    fireEvent.click(button);
    await waitFor(() => expect(iframes()).toHaveLength(1));
    act(() => postFrom(WIDGET_ORIGIN, { event: true, event_name: 'BANK_SELECTED' }));
    act(() => postFrom(WIDGET_ORIGIN, { error: true, message: 'Wrong credentials, 3 attempts' }));
    expect(onEvent).toHaveBeenCalledWith({ event: true, event_name: 'BANK_SELECTED' });
    const error = onError.mock.calls[0]![0] as ConnectBalanceError;
    expect(error.code).toBe('widget_error');
    expect(error.message).toBe('Wrong credentials, 3 attempts');
    expect(error.cause).toEqual({ error: true, message: 'Wrong credentials, 3 attempts' });
    expect(screen.getByRole('alert').textContent).toBe('Wrong credentials, 3 attempts');
  });

  it('stops look-alike origins and other windows before okra-js sees them; the widget itself gets through', async () => {
    const onSuccess = vi.fn();
    const onClose = vi.fn();
    const { button, seen } = setup({ onSuccess, onClose });
    fireEvent.click(button);
    await waitFor(() => expect(iframes()).toHaveLength(1));
    const forger = `${WIDGET_ORIGIN}0`;
    expect(forger.startsWith(WIDGET_ORIGIN)).toBe(true); // okra-js's own check would let it in
    postFrom(forger, { success: true, accounts: [{ id: 'forged' }] });
    postFrom(`${WIDGET_ORIGIN}.evil.example`, { close: true });
    // The widget's exact origin, but from another window: another frame of the page, or the page itself.
    const other = document.body.appendChild(document.createElement('iframe'));
    postFrom(WIDGET_ORIGIN, { success: true, accounts: [{ id: 'forged' }] }, other.contentWindow);
    postFrom(WIDGET_ORIGIN, { close: true }, window);
    postFrom(WIDGET_ORIGIN, { close: true }, null);
    other.remove();
    expect(seen).not.toHaveBeenCalled();
    expect(onSuccess).not.toHaveBeenCalled();
    expect(onClose).not.toHaveBeenCalled();
    expect(iframes()).toHaveLength(1);
    postFrom(WIDGET_ORIGIN, { success: true, accounts: [{ id: 'real' }] });
    expect(seen).toHaveBeenCalledTimes(1);
    expect(onSuccess.mock.calls[0]![0].accounts[0].id).toBe('real');
  });

  it('lets messages of other origins through to the page’s other listeners', async () => {
    const { button } = setup();
    fireEvent.click(button);
    await waitFor(() => expect(iframes()).toHaveLength(1));
    const heard = vi.fn();
    window.addEventListener('message', heard);
    try {
      postFrom('https://payments.example', { hello: true }, null);
      expect(heard).toHaveBeenCalledTimes(1);
    } finally {
      window.removeEventListener('message', heard);
    }
  });

  it('removes a widget that never says it has loaded, gives focus back and says why', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const onError = vi.fn();
    const onClose = vi.fn();
    const { button, seen } = setup({ loadTimeoutMs: 50, onError, onClose });
    fireEvent.click(button);
    await waitFor(() => expect(onError).toHaveBeenCalledTimes(1));
    expect((onError.mock.calls[0]![0] as ConnectBalanceError).code).toBe('widget_load_timeout');
    expect(onClose).toHaveBeenCalledWith({ linked: false });
    expect(strayNodes()).toEqual([]);
    expect(document.activeElement).toBe(button);
    expect(screen.getByRole('alert').textContent).toBe(
      'The bank widget did not load. Check your connection, then try again.',
    );
    expect(button.getAttribute('data-state')).toBe('idle');
    expect(warn.mock.calls.map(([message]) => String(message))).toEqual([
      expect.stringContaining(`${WIDGET_ORIGIN}/?isIframe=true&withOptions=true did not say it had loaded`),
    ]);
    postFrom(WIDGET_ORIGIN, { close: true }, null);
    expect(seen).not.toHaveBeenCalled();
  });

  it('does not time out a widget that has loaded', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const onError = vi.fn();
      const { button } = setup({ loadTimeoutMs: 10_000, onError });
      fireEvent.click(button);
      await vi.waitFor(() => expect(iframes()).toHaveLength(1));
      act(() => widgetLoaded());
      act(() => {
        vi.advanceTimersByTime(60_000);
      });
      expect(onError).not.toHaveBeenCalled();
      expect(iframes()).toHaveLength(1);
    } finally {
      vi.useRealTimers();
    }
  });

  it('Escape closes the widget while it has not loaded; once it has, Escape is the widget’s own', async () => {
    const onClose = vi.fn();
    const onError = vi.fn();
    const { button } = setup({ onClose, onError });
    fireEvent.click(button);
    await waitFor(() => expect(iframes()).toHaveLength(1));
    fireEvent.keyDown(button, { key: 'Escape' });
    expect(onClose).toHaveBeenCalledWith({ linked: false });
    expect(strayNodes()).toEqual([]);
    expect(document.activeElement).toBe(button);
    expect(onError).not.toHaveBeenCalled();

    fireEvent.click(button);
    await waitFor(() => expect(iframes()).toHaveLength(1));
    act(() => widgetLoaded());
    fireEvent.keyDown(document.body, { key: 'Escape' });
    expect(iframes()).toHaveLength(1);
    expect(onClose).toHaveBeenCalledTimes(1);
  });

  it('retries the load after a failure, and reports the failure typed', async () => {
    const real = realOkra();
    let online = false;
    const loader = vi.fn(() =>
      online
        ? Promise.resolve(real.okra)
        : Promise.reject(new ConnectBalanceError('load_failed', 'Could not load okra-js')),
    );
    const onError = vi.fn();
    const { button } = setup({ loader, onError });
    fireEvent.click(button);
    await waitFor(() => expect(onError).toHaveBeenCalledTimes(1));
    expect(onError.mock.calls[0]![0].code).toBe('load_failed');
    expect(screen.getByRole('alert').textContent).toBe('Could not load okra-js');
    expect(button.getAttribute('aria-busy')).toBe('false');
    online = true;
    fireEvent.click(button);
    await waitFor(() => expect(iframes()).toHaveLength(1));
    expect(screen.queryByRole('alert')).toBeNull();
  });
});

describe('useConnectBalance’s close()', () => {
  function Closable(props: { loader: () => Promise<OkraWidget | null>; onClose: () => void }) {
    const { open, close, status } = useConnectBalance({ ...standalone, ...props });
    return (
      <>
        <button type="button" onClick={open}>
          Open ({status})
        </button>
        <button type="button" onClick={close}>
          Close
        </button>
      </>
    );
  }

  it('closes the widget it opened, gives focus back and calls onClose', async () => {
    const real = realOkra();
    const onClose = vi.fn();
    render(<Closable loader={real.loader} onClose={onClose} />);
    const opener = screen.getByRole('button', { name: 'Open (idle)' });
    opener.focus();
    fireEvent.click(opener);
    await waitFor(() => expect(iframes()).toHaveLength(1));
    expect(opener.textContent).toBe('Open (open)');
    act(() => screen.getByRole('button', { name: 'Close' }).click());
    expect(strayNodes()).toEqual([]);
    expect(onClose).toHaveBeenCalledWith({ linked: false });
    expect(opener.textContent).toBe('Open (idle)');
    expect(document.activeElement).toBe(opener);
  });

  it('cancels a widget still loading: nothing opens, and no onClose for what never showed', async () => {
    let release: () => void = () => undefined;
    const real = realOkra();
    const slow = vi.fn(() => new Promise<OkraWidget>((resolve) => (release = () => resolve(real.okra))));
    const onClose = vi.fn();
    render(<Closable loader={slow} onClose={onClose} />);
    fireEvent.click(screen.getByRole('button', { name: 'Open (idle)' }));
    screen.getByRole('button', { name: 'Open (loading)' });
    act(() => screen.getByRole('button', { name: 'Close' }).click());
    screen.getByRole('button', { name: 'Open (idle)' });
    release();
    // The next open builds on the same okra-js: the cancelled one has run its course by then.
    fireEvent.click(screen.getByRole('button', { name: 'Open (idle)' }));
    release();
    await waitFor(() => expect(iframes()).toHaveLength(1));
    expect(real.build).toHaveBeenCalledTimes(1);
    expect(onClose).not.toHaveBeenCalled();
  });
});
