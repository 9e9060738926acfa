import { useState } from 'react';
import { describeReauthReason } from './describeReauthReason.ts';
import type { UseBalanceResult } from './useBalance.ts';
import { useConnectBalance } from './useConnectBalance.ts';
import type { ConnectBalanceCallbacks, UseConnectBalanceOptions } from './UseConnectBalanceOptions.ts';

/** How `<AccountBalance>` opens the widget to reconnect its account: callbacks, and how the widget is shown. */
export type AccountReconnectOptions = ConnectBalanceCallbacks &
  Pick<UseConnectBalanceOptions, 'iframeTitle' | 'loadTimeoutMs' | 'loader'>;

/**
 * Where the card is in reconnecting its account: `reauth` (the link needs its user), `reconnecting` (the widget
 * is loading or open, or the server is confirming), `reconnected` (healthy again), or null (nothing to do).
 */
export type ReconnectState = 'reauth' | 'reconnecting' | 'reconnected' | null;

/**
 * The card's half of issue #16: whether the account needs reconnecting (its health, a refresh answered 409
 * `needs_reauth`, or a job that failed for it), and the widget in re-authentication mode for it.
 */
export function useReconnect(accountId: string, result: UseBalanceResult, options: AccountReconnectOptions) {
  // `confirming`: the widget reported success and the server is checking with the provider.
  const [phase, setPhase] = useState<'idle' | 'confirming' | 'done'>('idle');
  const widget = useConnectBalance({
    ...options,
    reauthAccountId: accountId,
    iframeTitle: options.iframeTitle ?? 'Reconnect your bank account',
    onSuccess: (linked, raw) => {
      setPhase('confirming');
      options.onSuccess?.(linked, raw);
    },
    onLinked: (accounts) => {
      setPhase('done');
      options.onLinked?.(accounts);
    },
    onError: (error) => {
      setPhase('idle');
      options.onError?.(error);
    },
  });
  const { health, error, failure } = result;
  // After a reconnect, the refresh error or failed job from before it no longer says anything: only the
  // health, read again by then, does.
  const needed =
    health?.state === 'needs_reauth' ||
    (phase !== 'done' && (error?.code === 'needs_reauth' || failure?.reason === 'needs_reauth'));
  const state: ReconnectState =
    widget.status !== 'idle' || phase === 'confirming'
      ? 'reconnecting'
      : needed
        ? 'reauth'
        : phase === 'done'
          ? 'reconnected'
          : null;
  const reconnecting = state === 'reconnecting';
  return {
    state,
    /** Why, for a person: the widget's or the server's last error, else the reason the link needs its user. */
    message:
      widget.error?.message ?? describeReauthReason(health?.state === 'needs_reauth' ? health.reason : null),
    /** Props of the card's one button while it reconnects (the same element as Refresh, so focus stays). */
    button: {
      className: 'ob-balance-reconnect',
      'aria-busy': reconnecting,
      'aria-disabled': reconnecting || !widget.canOpen,
      onClick: (event: { currentTarget: HTMLElement }) => {
        // Safari does not focus a clicked button: focus comes back here when the widget closes.
        event.currentTarget.focus();
        widget.open();
      },
      onPointerEnter: widget.preload,
      onFocus: widget.preload,
      children: reconnecting ? 'Reconnecting…' : 'Reconnect',
    },
    /** Forget a finished reconnect, when a new refresh starts. */
    reset: () => setPhase('idle'),
  };
}
