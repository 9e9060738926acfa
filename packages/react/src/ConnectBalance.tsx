import type { ReactNode } from 'react';
import { useConnectBalance, type ConnectBalanceOptions } from './useConnectBalance.ts';
import { useIsClient } from './useIsClient.ts';

/** Props of {@link ConnectBalance}: the hook's options, plus the button's content and class. */
export type ConnectBalanceProps = ConnectBalanceOptions & {
  /** The button's label. Default "Link your bank account". */
  children?: ReactNode;
  /** Added to the stable `ob-connect` class. */
  className?: string | undefined;
};

/**
 * A native button that opens the widget. Disabled until the browser takes over (so server HTML is inert),
 * `aria-busy` while loading, focus back on it when the widget closes, errors announced next to it.
 *
 * @example
 * <ConnectBalance publicKey="pk_..." token="..." env="production" onSuccess={(result) => setBank(result.bank)} />
 * <BalanceProvider baseUrl="/api/balance"><ConnectBalance /></BalanceProvider>
 */
export function ConnectBalance(props: ConnectBalanceProps) {
  const { open, preload, isLoading, isOpen, error } = useConnectBalance(props);
  const isClient = useIsClient();
  return (
    <>
      <button
        type="button"
        className={props.className ? `ob-connect ${props.className}` : 'ob-connect'}
        data-state={isOpen ? 'open' : isLoading ? 'loading' : 'idle'}
        disabled={!isClient}
        aria-busy={isLoading}
        // Not `disabled` while busy: that would throw keyboard focus out of the button.
        aria-disabled={isLoading || isOpen}
        onClick={(event) => {
          event.currentTarget.focus();
          open();
        }}
        onPointerEnter={preload}
        onFocus={preload}
      >
        {props.children ?? 'Link your bank account'}
      </button>
      {error && (
        <p className="ob-connect-error" role="alert">
          {error.message}
        </p>
      )}
    </>
  );
}
