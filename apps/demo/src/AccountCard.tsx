import { useState } from 'react';
import type { LinkedAccount } from '@okra-balance/core';
import { AccountBalance, useBalanceHistory, useUnlinkAccount, describeApiError } from '@okra-balance/react';
import { REAL_HOUR_MS } from './historyRanges.ts';
import { HistoryPanel } from './HistoryPanel.tsx';
import { LinkLifeControls } from './LinkLifeControls.tsx';
import { RefreshProgress } from './RefreshProgress.tsx';
import type { DemoInfo } from './useDemoInfo.ts';

export interface AccountCardProps {
  account: LinkedAccount;
  /** What the demo server said about itself; undefined until it has. */
  info: DemoInfo | undefined;
}

/**
 * One linked account: bank, masked number, balances with refresh (or Reconnect), history, unlink, and in
 * sandbox mode the levers over the link's life. Titled by bank and number, not by name: the name is the
 * holder's, the same on every account of one customer.
 */
export function AccountCard({ account, info }: AccountCardProps) {
  const hourMs = info?.hourMs ?? REAL_HOUR_MS;
  const [showHistory, setShowHistory] = useState(false);
  const history = useBalanceHistory(account.id);
  const unlink = useUnlinkAccount();
  const logo = account.bank.logo ?? account.bank.icon;

  return (
    <article className="demo-card" aria-labelledby={`account-${account.id}`}>
      <header className="demo-card-header">
        {logo ? (
          <img className="demo-bank-logo" src={logo} alt="" width={40} height={40} />
        ) : (
          <span className="demo-bank-logo" aria-hidden="true" />
        )}
        <div>
          <h2 id={`account-${account.id}`} className="demo-card-title">
            {account.bank.name} · {account.maskedNuban}
          </h2>
          <p className="demo-muted">{account.name}</p>
        </div>
      </header>

      <AccountBalance accountId={account.id} schedule={account.schedule} />
      <RefreshProgress accountId={account.id} />

      <div className="demo-card-actions">
        <button type="button" aria-expanded={showHistory} onClick={() => setShowHistory((shown) => !shown)}>
          {showHistory ? 'Hide history' : `History (${history.data?.length ?? 0})`}
        </button>
        <button
          type="button"
          className="demo-danger"
          disabled={unlink.isPending}
          onClick={() => {
            if (window.confirm(`Unlink ${account.bank.name} ${account.maskedNuban}?`))
              unlink.mutate(account.id);
          }}
        >
          Unlink
        </button>
      </div>
      {unlink.isError && (
        <p role="alert" className="demo-error">
          {describeApiError(unlink.error)}
        </p>
      )}
      {info?.mode === 'sandbox' && (
        <LinkLifeControls account={account} routeHours={info.scheduleEveryHours} />
      )}
      {showHistory && <HistoryPanel accountId={account.id} currency={account.currency} hourMs={hourMs} />}
    </article>
  );
}
