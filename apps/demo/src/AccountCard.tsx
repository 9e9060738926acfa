import { useState } from 'react';
import type { LinkedAccount } from '@okra-balance/core';
import { AccountBalance, useBalanceHistory, useUnlinkAccount, describeApiError } from '@okra-balance/react';
import { HistoryPanel } from './HistoryPanel.tsx';
import { RefreshProgress } from './RefreshProgress.tsx';

export interface AccountCardProps {
  account: LinkedAccount;
  /** The length of the demo's hour: shorter in fast time. */
  hourMs: number;
}

/**
 * One linked account: bank, masked number, balances with refresh, history, and unlink. Titled by bank and
 * number, not by name: the name is the holder's, the same on every account of one customer.
 */
export function AccountCard({ account, hourMs }: AccountCardProps) {
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

      <AccountBalance accountId={account.id} />
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
      {showHistory && <HistoryPanel accountId={account.id} currency={account.currency} hourMs={hourMs} />}
    </article>
  );
}
