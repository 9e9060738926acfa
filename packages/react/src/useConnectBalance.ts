import { useCallback, useContext, useEffect, useRef, useState } from 'react';
import type {
  LinkedAccount,
  LinkResult,
  WidgetEventPayload,
  WidgetOptions,
  WidgetSuccessPayload,
} from '@okra-balance/core';
import { BalanceContext } from './BalanceContext.ts';
import { checkOptions } from './checkOptions.ts';
import type { ConnectBalanceError } from './ConnectBalanceError.ts';
import { currentWidget } from './currentWidget.ts';
import { loadOkra } from './loadOkra.ts';
import { loadWidgetKit, type WidgetKit } from './loadWidgetKit.ts';
import type { OkraWidget } from './OkraWidget.ts';
import { useLatest } from './useLatest.ts';

/** Callbacks; the latest ones are always called, whenever they were passed. */
export interface ConnectBalanceCallbacks {
  /** The widget reported a link. `result` is a display hint only: a page can forge the message. */
  onSuccess?: ((result: LinkResult, raw: WidgetSuccessPayload) => void) | undefined;
  /** With `<BalanceProvider>`: the server confirmed and stored these accounts. */
  onLinked?: ((accounts: LinkedAccount[]) => void) | undefined;
  /** The widget closed; `linked` tells a close after success from a cancel. Not called on unmount. */
  onClose?: ((info: { linked: boolean }) => void) | undefined;
  onError?: ((error: ConnectBalanceError) => void) | undefined;
  /** The widget's progress events (`event_name` says which). */
  onEvent?: ((event: WidgetEventPayload) => void) | undefined;
}

/** Options of {@link useConnectBalance}: widget options (standalone), callbacks, and these settings. */
export type ConnectBalanceOptions = Partial<WidgetOptions> &
  ConnectBalanceCallbacks & {
    /** Your public key: the widget's `key` option (components take it as `publicKey`: React reserves `key`). */
    publicKey?: string | undefined;
    /** Where the widget is served. Default: Okra's (`https://app.okra.ng`); set it for the sandbox. */
    widgetOrigin?: string | undefined;
    /** The widget iframe's accessible name. Default "Link your bank account". */
    iframeTitle?: string | undefined;
    /** Where okra-js comes from. Default {@link loadOkra}; tests and stories pass a fake. */
    loader?: (() => Promise<OkraWidget | null>) | undefined;
  };

/** What {@link useConnectBalance} returns. */
export interface ConnectBalanceState {
  /** Opens the widget. Does nothing while one is loading or open, anywhere on the page. */
  open: () => void;
  /** Starts loading okra-js and the widget's code now; `<ConnectBalance>` calls it on hover and focus. */
  preload: () => void;
  /** okra-js and the widget's code are loaded, the options pass the full check: `open()` shows it at once. */
  ready: boolean;
  /** Loading okra-js or asking the server for a link session. */
  isLoading: boolean;
  isOpen: boolean;
  /**
   * Invalid options, a failed load, a widget error or a server error; cleared by the next `open()`. A missing
   * key or token and a wrong `env` show on render; a bad `widgetOrigin` once the widget's code is loaded
   * (after `preload()`, or on `open()`).
   */
  error: ConnectBalanceError | null;
}

/**
 * Opens the okra-js widget with `products: ['auth', 'balance']`. Standalone with widget options (`key`,
 * `token`, `env`, ...); inside `<BalanceProvider>` without `key`, the server provides the widget config.
 *
 * @example
 * const { open, ready } = useConnectBalance({ key, token, env: 'production', onSuccess: (r) => show(r.bank) });
 */
export function useConnectBalance(options: ConnectBalanceOptions = {}): ConnectBalanceState {
  const backend = useContext(BalanceContext);
  const latest = useLatest(options);
  const [phase, setPhase] = useState<'idle' | 'loading' | 'open'>('idle');
  const [failure, setFailure] = useState<ConnectBalanceError | null>(null);
  // The widget's lazily loaded code, once it and okra-js are here: from then on options get its full check.
  const [kit, setKit] = useState<WidgetKit | null>(null);
  // `run` cancels what an earlier open() started; `busy` blocks a second open() before React re-renders.
  const run = useRef(0);
  const busy = useRef(false);
  const dispose = useRef<(() => void) | null>(null);

  let invalid: ConnectBalanceError | null = null;
  if (options.key !== undefined || options.publicKey !== undefined || backend === null) {
    try {
      (kit?.widgetFromOptions ?? checkOptions)(options);
    } catch (error) {
      invalid = error as ConnectBalanceError;
    }
  }

  // Returned as `preload` too: its promise is handled here, so a caller may ignore it.
  const load = useCallback(() => {
    const both = Promise.all([loadWidgetKit(), (latest.current.loader ?? loadOkra)()]);
    both.then(
      ([loaded, okra]) => okra && setKit(loaded),
      () => undefined,
    );
    return both;
  }, [latest]);

  const open = useCallback(() => {
    if (busy.current || currentWidget.close) return;
    busy.current = true;
    const attempt = ++run.current;
    const start = latest.current;
    const returnFocus = document.activeElement;
    const fail = (error: ConnectBalanceError) => {
      setFailure(error);
      latest.current.onError?.(error);
    };
    const settle = () => {
      busy.current = false;
      dispose.current = null;
      setPhase('idle');
    };
    setFailure(null);
    setPhase('loading');

    (async () => {
      const loading = load();
      const session =
        (start.key ?? start.publicKey) === undefined && backend ? await backend.startLink() : null;
      const [{ openConnectWidget }, okra] = await loading;
      if (run.current !== attempt) return;
      const close =
        okra && openConnectWidget(okra, { options: start, latest, session, returnFocus, fail, settle });
      dispose.current = close || null;
      if (close) setPhase('open');
      else settle();
    })().catch((error: ConnectBalanceError) => {
      if (run.current !== attempt) return;
      settle();
      fail(error);
    });
  }, [backend, latest, load]);

  // Unmounting (or StrictMode's rehearsal of it) cancels a pending open and removes an open widget.
  useEffect(
    () => () => {
      run.current++;
      busy.current = false;
      dispose.current?.();
      dispose.current = null;
    },
    [],
  );

  return {
    open,
    preload: load,
    ready: kit !== null && invalid === null,
    isLoading: phase === 'loading',
    isOpen: phase === 'open',
    error: failure ?? invalid,
  };
}
