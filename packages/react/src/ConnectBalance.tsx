import type { ReactNode } from 'react';
import { useConnectBalance } from './useConnectBalance.ts';
import type { UseConnectBalanceOptions } from './UseConnectBalanceOptions.ts';
import { useIsClient } from './useIsClient.ts';

/** Props of {@link ConnectBalance}: the hook's options, plus the button's content and class. */
export type ConnectBalanceProps = UseConnectBalanceOptions & {
  /** The button's label. Default "Link your bank account". */
  children?: ReactNode;
  /** Added to the stable `ob-connect` class. */
  className?: string | undefined;
};

/**
 * A native button that opens the widget. Disabled until the browser takes over (so server HTML is inert),
 * `aria-busy` while loading, `aria-disabled` while any widget is on the page, focus back on it when the widget
 * closes, errors announced next to it.
 *
 * @example
 * <ConnectBalance publicKey="pk_..." token="..." env="production" onSuccess={(result) => setBank(result.bank)} />
 * <BalanceProvider baseUrl="/api/balance"><ConnectBalance /></BalanceProvider>
 */
export function ConnectBalance({ children, className, ...options }: ConnectBalanceProps) {
  const { open, preload, status, canOpen, error } = useConnectBalance(options);
  const isClient = useIsClient();
  return (
    <>
      <button
        type="button"
        className={className ? `ob-connect ${className}` : 'ob-connect'}
        data-state={status}
        disabled={!isClient}
        aria-busy={status === 'loading'}
        // Not `disabled` while busy: that would throw keyboard focus out of the button.
        aria-disabled={!canOpen}
        onClick={(event) => {
          event.currentTarget.focus();
          open();
        }}
        onPointerEnter={preload}
        onFocus={preload}
      >
        {children ?? 'Link your bank account'}
      </button>
      {error && (
        <p className="ob-connect-error" role="alert">
          {error.message}
        </p>
      )}
    </>
  );
}
