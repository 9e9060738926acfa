import { ConnectBalance, describeApiError, useLinkedAccounts } from '@okra-balance/react';
import { AccountCard } from './AccountCard.tsx';
import { REAL_HOUR_MS } from './historyRanges.ts';
import { useDemoInfo } from './useDemoInfo.ts';

export function App() {
  const info = useDemoInfo().data;
  const accounts = useLinkedAccounts();

  return (
    <div className="demo-page">
      <header className="demo-header">
        <div>
          <h1>Bank balance</h1>
          <p className="demo-muted">Link a Nigerian bank account and see its live balance.</p>
        </div>
        <ConnectBalance className="demo-connect">Connect a bank</ConnectBalance>
      </header>

      {info?.mode === 'sandbox' && (
        <aside className="demo-banner" aria-label="Sandbox mode">
          <strong>Sandbox mode.</strong> No real bank is contacted: an offline provider stands in for one.
          {info.login && (
            <>
              {' '}
              Sign in to any bank in the widget with <code>{info.login.username}</code> /{' '}
              <code>{info.login.password}</code>.
            </>
          )}
          {info.hourMs !== REAL_HOUR_MS && (
            <>
              {' '}
              <strong>Fast time:</strong> an hour lasts {formatDuration(info.hourMs)}, so a week of refreshes
              passes in {formatDuration(info.hourMs * 24 * 7)}.
            </>
          )}
        </aside>
      )}

      <main>
        <h2 className="demo-visually-hidden">Linked accounts</h2>
        {accounts.isPending && <p className="demo-muted">Loading your accounts…</p>}
        {accounts.isError && (
          <p role="alert" className="demo-error">
            {describeApiError(accounts.error)}{' '}
            <button type="button" onClick={() => void accounts.refetch()}>
              Try again
            </button>
          </p>
        )}
        {accounts.data?.length === 0 && (
          <p className="demo-empty">No bank linked yet. Use “Connect a bank” to link one.</p>
        )}
        <ul className="demo-accounts">
          {accounts.data?.map((account) => (
            <li key={account.id}>
              <AccountCard account={account} info={info} />
            </li>
          ))}
        </ul>
      </main>
    </div>
  );
}

/** A short duration for people: `357 ms`, `6.0 s`, `1.0 min`. */
function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  return `${(ms / 60_000).toFixed(1)} min`;
}
