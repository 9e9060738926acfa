import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { useBalanceHistory } from './useBalanceHistory.ts';
import { useLinkedAccounts } from './useLinkedAccounts.ts';
import { useUnlinkAccount } from './useUnlinkAccount.ts';
import './testing/cleanup.ts';
import { apiError, fakeRoute } from './testing/fakeRoute.ts';
import { account, balance } from './testing/fixtures.ts';
import { renderWithBalance } from './testing/renderWithBalance.tsx';

function Accounts() {
  const { data: accounts = [] } = useLinkedAccounts();
  const unlink = useUnlinkAccount();
  return (
    <ul>
      {accounts.map((item) => (
        <li key={item.id}>
          {item.name}
          <button type="button" onClick={() => unlink.mutate(item.id)}>
            Unlink {item.name}
          </button>
        </li>
      ))}
    </ul>
  );
}

function History() {
  const { data: snapshots = [] } = useBalanceHistory('acc-1');
  return <output>{snapshots.map((snapshot) => snapshot.ledger).join(',')}</output>;
}

describe('useUnlinkAccount and useBalanceHistory', () => {
  it('unlinks with DELETE and drops the account from the list', async () => {
    const accounts = [account(), account({ id: 'acc-2', name: 'Bola Ade' })];
    let deleted = false;
    const route = fakeRoute((request) => {
      if (request.method === 'DELETE' && request.path === '/accounts/acc-2') {
        deleted = true;
        return { status: 204 };
      }
      if (request.path === '/accounts') {
        return { status: 200, body: { accounts: deleted ? accounts.slice(0, 1) : accounts } };
      }
      return apiError(404, 'not_found');
    });
    renderWithBalance(<Accounts />, route.fetch);
    fireEvent.click(await screen.findByRole('button', { name: 'Unlink Bola Ade' }));
    await waitFor(() => expect(screen.queryByText('Bola Ade')).toBeNull());
    expect(screen.getByText('Ada Obi')).toBeTruthy();
    expect(route.sent.filter((r) => r.method === 'DELETE').map((r) => r.path)).toEqual(['/accounts/acc-2']);
  });

  it('reads the stored balances, newest first', async () => {
    const snapshots = [
      { ...balance({ ledger: 300 }), id: 's2', recordedAt: '2026-11-20T10:00:00.000Z' },
      { ...balance({ ledger: 200 }), id: 's1', recordedAt: '2026-11-20T09:00:00.000Z' },
    ];
    const route = fakeRoute(() => ({ status: 200, body: { accountId: 'acc-1', snapshots } }));
    renderWithBalance(<History />, route.fetch);
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('300,200'));
    expect(route.sent[0]?.path).toBe('/accounts/acc-1/history');
  });
});
