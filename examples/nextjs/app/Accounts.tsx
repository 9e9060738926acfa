'use client';

import { AccountBalance, ConnectBalance, describeApiError, useLinkedAccounts } from '@okra-balance/react';

/** The connect button and one balance card per linked account, each with its own refresh button. */
export function Accounts() {
  const { data: accounts, error } = useLinkedAccounts();
  return (
    <>
      <ConnectBalance className="connect">Connect a bank</ConnectBalance>
      {error ? (
        <p role="alert">{describeApiError(error)}</p>
      ) : accounts === undefined ? (
        <p>Loading your accounts…</p>
      ) : accounts.length === 0 ? (
        <p>No bank linked yet.</p>
      ) : (
        <ul className="accounts" aria-label="Linked accounts">
          {accounts.map((account) => (
            <li key={account.id}>
              <AccountBalance
                accountId={account.id}
                label={`${account.name} · ${account.bank.name} · ${account.maskedNuban}`}
              />
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
