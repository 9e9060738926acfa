import { StrictMode, useEffect } from 'react';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { ConnectBalance, type ConnectBalanceProps } from './ConnectBalance.tsx';
import { ConnectBalanceError } from './ConnectBalanceError.ts';
import { useConnectBalance, type ConnectBalanceOptions } from './useConnectBalance.ts';
import './testing/cleanup.ts';
import { postFrom, realOkra, strayNodes, WIDGET_ORIGIN } from './testing/realOkra.ts';

const standalone = {
  publicKey: 'pk_test_1',
  token: 'client-token-1',
  env: 'production-sandbox',
  widgetOrigin: WIDGET_ORIGIN,
} as const;

function setup(props: Partial<ConnectBalanceProps> = {}) {
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
    expect(document.activeElement).toBe(iframe);
    fireEvent.click(button);
    await act(() => Promise.resolve());
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

  it('keeps a second component on the page from opening a second widget', async () => {
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
    fireEvent.click(screen.getByRole('button', { name: 'First' }));
    await waitFor(() => expect(iframes()).toHaveLength(1));
    fireEvent.click(screen.getByRole('button', { name: 'Second' }));
    await act(() => Promise.resolve());
    expect(real.build).toHaveBeenCalledTimes(1);
    expect(iframes()).toHaveLength(1);
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
    await act(() => new Promise((resolve) => setTimeout(resolve, 10)));
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
    unmount();
    expect(strayNodes()).toEqual([]);
    postFrom(WIDGET_ORIGIN, { success: true });
    postFrom(WIDGET_ORIGIN, { close: true });
    expect(seen).not.toHaveBeenCalled();
    expect(onClose).not.toHaveBeenCalled();
  });

  it('unmounting while okra-js is still loading never opens the widget', async () => {
    let release: () => void = () => undefined;
    const real = realOkra();
    const slow = vi.fn(
      () => new Promise<typeof real.okra>((resolve) => (release = () => resolve(real.okra))),
    );
    const { button, unmount } = setup({ loader: slow });
    fireEvent.click(button);
    expect(button.getAttribute('aria-busy')).toBe('true');
    unmount();
    release();
    await act(() => new Promise((resolve) => setTimeout(resolve, 10)));
    expect(real.build).not.toHaveBeenCalled();
    expect(strayNodes()).toEqual([]);
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
    const options: ConnectBalanceOptions = {
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

  it('names a missing public key on render, and a widget origin that is not an origin once preloaded', async () => {
    const real = realOkra();
    const onError = vi.fn();
    const { rerender } = render(<ConnectBalance token="t" env="production" loader={real.loader} />);
    expect(screen.getByRole('alert').textContent).toContain('"publicKey" is missing');
    const badOrigin = (
      <ConnectBalance
        {...standalone}
        widgetOrigin="http://127.0.0.1:5174/widget"
        loader={real.loader}
        onError={onError}
      />
    );
    rerender(badOrigin);
    // The origin check is part of the widget's lazily loaded code: it runs once that code is here.
    expect(screen.queryByRole('alert')).toBeNull();
    fireEvent.focus(screen.getByRole('button'));
    await waitFor(() =>
      expect(screen.getByRole('alert').textContent).toContain('"widgetOrigin" must be an origin'),
    );
    fireEvent.click(screen.getByRole('button'));
    await waitFor(() => expect(onError).toHaveBeenCalledTimes(1));
    expect((onError.mock.calls[0]![0] as ConnectBalanceError).code).toBe('invalid_options');
    expect(screen.getByRole('alert').textContent).toContain('"widgetOrigin" must be an origin');
    expect(real.build).not.toHaveBeenCalled();
  });

  it('tells a cancel from a close after success, and returns focus to the button', async () => {
    const onClose = vi.fn();
    const { button } = setup({ onClose });
    fireEvent.click(button);
    await waitFor(() => expect(iframes()).toHaveLength(1));
    act(() => postFrom(WIDGET_ORIGIN, { close: true }));
    expect(onClose).toHaveBeenLastCalledWith({ linked: false });
    expect(strayNodes()).toEqual([]);
    expect(document.activeElement).toBe(button);

    fireEvent.click(button);
    await waitFor(() => expect(iframes()).toHaveLength(1));
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

  it('stops look-alike origins before okra-js sees them; the real origin still gets through', async () => {
    const onSuccess = vi.fn();
    const { button, seen } = setup({ onSuccess });
    fireEvent.click(button);
    await waitFor(() => expect(iframes()).toHaveLength(1));
    const forger = `${WIDGET_ORIGIN}0`;
    expect(forger.startsWith(WIDGET_ORIGIN)).toBe(true); // okra-js's own check would let it in
    postFrom(forger, { success: true, accounts: [{ id: 'forged' }] });
    postFrom(`${WIDGET_ORIGIN}.evil.example`, { close: true });
    expect(seen).not.toHaveBeenCalled();
    expect(onSuccess).not.toHaveBeenCalled();
    expect(iframes()).toHaveLength(1);
    postFrom(WIDGET_ORIGIN, { success: true, accounts: [{ id: 'real' }] });
    expect(seen).toHaveBeenCalledTimes(1);
    expect(onSuccess.mock.calls[0]![0].accounts[0].id).toBe('real');
  });

  it('retries the load after a failure, and reports the failure typed', async () => {
    const real = realOkra();
    let online = false;
    const loader = vi.fn(async () => {
      if (!online) throw new ConnectBalanceError('load_failed', 'Could not load okra-js');
      return real.okra;
    });
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
