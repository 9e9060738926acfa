import { useCallback, useContext, useEffect, useRef, useState } from 'react';
import {
  normalizeLinkResult,
  type LinkedAccount,
  type LinkResult,
  type WidgetEventPayload,
  type WidgetOptions,
  type WidgetSuccessPayload,
} from '@okra-balance/core';
import { BalanceContext } from './BalanceContext.ts';
import { ConnectBalanceError } from './ConnectBalanceError.ts';
import { loadOkra } from './loadOkra.ts';
import type { OkraWidget } from './OkraWidget.ts';
import { isWidgetOpen, openOkraWidget } from './openOkraWidget.ts';
import { useLatest } from './useLatest.ts';
import { widgetFromOptions } from './widgetFromOptions.ts';

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
  /** Starts loading okra-js now; `<ConnectBalance>` calls it on hover and focus. */
  preload: () => void;
  /** okra-js is loaded and the options are valid: `open()` shows the widget without a download. */
  ready: boolean;
  /** Loading okra-js or asking the server for a link session. */
  isLoading: boolean;
  isOpen: boolean;
  /** Invalid options, a failed load, a widget error or a server error; cleared by the next `open()`. */
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
  const latest = useLatest({ options, backend });
  const [phase, setPhase] = useState<'idle' | 'loading' | 'open'>('idle');
  const [failure, setFailure] = useState<ConnectBalanceError | null>(null);
  const [loaded, setLoaded] = useState(false);
  // `run` cancels what an earlier open() started; `busy` blocks a second open() before React re-renders.
  const run = useRef(0);
  const busy = useRef(false);
  const dispose = useRef<(() => void) | null>(null);

  let invalid: ConnectBalanceError | null = null;
  if (options.key !== undefined || options.publicKey !== undefined || backend === null) {
    try {
      widgetFromOptions(options);
    } catch (error) {
      invalid = error as ConnectBalanceError;
    }
  }

  const load = useCallback(() => {
    const okra = (latest.current.options.loader ?? loadOkra)();
    okra.then(
      (value) => setLoaded(value !== null),
      () => undefined,
    );
    return okra;
  }, [latest]);

  const open = useCallback(() => {
    if (busy.current || isWidgetOpen()) return;
    busy.current = true;
    const attempt = ++run.current;
    const { options: start, backend: server } = latest.current;
    const returnFocus = document.activeElement;
    let linked = false;
    const fail = (error: ConnectBalanceError) => {
      setFailure(error);
      latest.current.options.onError?.(error);
    };
    const settle = () => {
      busy.current = false;
      dispose.current = null;
      setPhase('idle');
    };
    setFailure(null);
    setPhase('loading');

    (async () => {
      const okra = load();
      const session =
        (start.key ?? start.publicKey) === undefined && server ? await server.startLink() : null;
      const widget = session?.widget ?? widgetFromOptions(start);
      const loadedOkra = await okra;
      if (run.current !== attempt) return;
      const close =
        loadedOkra &&
        openOkraWidget(loadedOkra, {
          ...widget,
          title: start.iframeTitle ?? 'Link your bank account',
          handlers: {
            onSuccess: (raw) => {
              linked = true;
              latest.current.options.onSuccess?.(normalizeLinkResult(raw), raw as WidgetSuccessPayload);
              session?.confirm().then((accounts) => latest.current.options.onLinked?.(accounts), fail);
            },
            onError: (raw) => {
              const { message } = (raw ?? {}) as { message?: unknown };
              fail(new ConnectBalanceError('widget_error', String(message ?? 'The widget failed'), raw));
            },
            onEvent: (raw) => latest.current.options.onEvent?.(raw as WidgetEventPayload),
            onClose: () => {
              settle();
              if (returnFocus instanceof HTMLElement) returnFocus.focus();
              latest.current.options.onClose?.({ linked });
            },
          },
        });
      dispose.current = close || null;
      if (close) setPhase('open');
      else settle();
    })().catch((error: ConnectBalanceError) => {
      if (run.current !== attempt) return;
      settle();
      fail(error);
    });
  }, [latest, load]);

  const preload = useCallback(() => void load(), [load]);

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
    preload,
    ready: loaded && invalid === null,
    isLoading: phase === 'loading',
    isOpen: phase === 'open',
    error: failure ?? invalid,
  };
}
