import {
  useCallback,
  useContext,
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
} from 'react';
import { BalanceContext } from './BalanceContext.ts';
import { ConnectBalanceError, type ConnectBalanceErrorCode } from './ConnectBalanceError.ts';
import { loadWidget } from './loadOkra.ts';
import { pageWidget, type WidgetStatus } from './pageWidget.ts';
import type { UseConnectBalanceOptions } from './UseConnectBalanceOptions.ts';
import { useLatest } from './useLatest.ts';
import { invalidOptions, optionProblem, originProblem } from './widgetOptions.ts';

/** What {@link useConnectBalance} returns. */
export interface UseConnectBalanceResult {
  /** Opens the widget. Does nothing while a widget is loading or open anywhere on the page. */
  open: () => void;
  /**
   * Closes the widget this hook opened (calling `onClose`), or cancels its loading. Does nothing to a widget
   * another hook opened.
   */
  close: () => void;
  /** Starts loading okra-js and the widget's code now; `<ConnectBalance>` calls it on hover and focus. */
  preload: () => void;
  /** This hook's widget: `idle`, `loading` (okra-js, the link session) or `open` (on screen). */
  status: WidgetStatus;
  isLoading: boolean;
  isOpen: boolean;
  /** No widget is loading or open anywhere on the page, so `open()` would start one. */
  canOpen: boolean;
  /** okra-js and the widget's code are loaded and the options are valid: `open()` shows the widget at once. */
  ready: boolean;
  /**
   * Invalid options (checked on every render: a missing key or token, a wrong `env` or `widgetOrigin`), or
   * why the last `open()` failed (a failed load, a widget that did not load, a widget or server error). The
   * last failure is cleared by the next `open()`.
   */
  error: ConnectBalanceError | null;
}

/**
 * Opens the okra-js widget with `products: ['auth', 'balance']`. Standalone with `publicKey`, `token` and
 * `env`; inside `<BalanceProvider>` without them, the server provides the widget config. One widget per page,
 * whichever hook or button asks.
 *
 * @example
 * const { open, ready } = useConnectBalance({ publicKey, token, env: 'production', onSuccess: (r) => show(r.bank) });
 */
export function useConnectBalance(options: UseConnectBalanceOptions = {}): UseConnectBalanceResult {
  const backend = useContext(BalanceContext);
  const latest = useLatest(options);
  const owner = useId();
  const page = useSyncExternalStore(pageWidget.subscribe, pageWidget.get, pageWidget.get);
  const [failure, setFailure] = useState<ConnectBalanceError | null>(null);
  const [loaded, setLoaded] = useState(false);
  // Stops what this hook's open() started: `true` from close() (focus back, onClose), `false` on unmount.
  const stop = useRef<((closing: boolean) => void) | null>(null);

  const problem = options.publicKey !== undefined || backend === null ? optionProblem(options) : null;
  const invalid = useMemo(() => (problem === null ? null : invalidOptions(problem)), [problem]);

  const preload = useCallback(() => {
    const both = loadWidget(latest.current.loader);
    both.then(
      ([, okra]) => okra && setLoaded(true),
      () => undefined,
    );
    return both;
  }, [latest]);

  const preloadQuietly = useCallback(() => {
    void preload();
  }, [preload]);

  const open = useCallback(() => {
    if (!pageWidget.claim(owner)) return;
    const start = latest.current;
    const returnFocus = document.activeElement;
    const standalone = start.publicKey !== undefined || backend === null;
    const problem = standalone ? optionProblem(start) : null;
    let cancelled = false;
    const release = () => {
      stop.current = null;
      pageWidget.release(owner);
    };
    const report = (error: ConnectBalanceError) => {
      setFailure(error);
      latest.current.onError?.(error);
    };
    const fail = (code: ConnectBalanceErrorCode, message: string, cause?: unknown) =>
      report(new ConnectBalanceError(code, message, cause));
    // Until the widget is on screen, stopping cancels what is under way.
    stop.current = () => {
      cancelled = true;
      release();
    };
    setFailure(null);
    // okra-js and the link session load side by side.
    Promise.all([
      problem === null ? preload() : Promise.reject(invalidOptions(problem)),
      standalone ? null : backend.startLink(start),
    ])
      .then(([[driver, okra], session]) => {
        if (cancelled || !okra) return;
        const wrongOrigin = session && originProblem(session.widget.widgetOrigin);
        if (wrongOrigin) throw invalidOptions(wrongOrigin);
        stop.current = driver.showWidget(okra, {
          options: start,
          session,
          latest,
          returnFocus,
          fail,
          release,
        });
        pageWidget.opened(owner);
      })
      .catch((error: ConnectBalanceError) => {
        if (cancelled) return;
        release();
        report(error);
      });
  }, [backend, latest, owner, preload]);

  const close = useCallback(() => stop.current?.(true), []);

  // Unmounting (or StrictMode's rehearsal of it) cancels a pending open and removes an open widget.
  useEffect(() => () => stop.current?.(false), []);

  const status = page.owner === owner ? page.status : 'idle';
  return {
    open,
    close,
    // The result's preload answers nothing: a load that fails shows when the widget is opened.
    preload: preloadQuietly,
    status,
    isLoading: status === 'loading',
    isOpen: status === 'open',
    canOpen: page.status === 'idle',
    ready: loaded && invalid === null,
    error: failure ?? invalid,
  };
}
