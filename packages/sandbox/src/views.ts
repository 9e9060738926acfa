import type { ProviderAccount, ProviderBalance, ProviderTransaction } from '@okra-balance/core';
import type { AccountDoc, BalanceDoc, CustomerDoc, TransactionDoc } from './docs.ts';
import { bankView, type BankView } from './fixtures/banks.ts';
import type { SandboxStore } from './store.ts';

/** The env every sandbox document carries, as the provider's test keys do. */
export const SANDBOX_ENV = 'production-sandbox';

/** Kobo to naira: the provider's amounts are in major units. */
export function naira(kobo: number): number {
  return kobo / 100;
}

export function customerView(customer: CustomerDoc): { _id: string; name: string; email: string } {
  return { _id: customer._id, name: customer.name, email: customer.email };
}

/** An account on the wire, its sure fields typed as present. */
export interface AccountView extends ProviderAccount {
  _id: string;
  id: string;
  name: string;
  nuban: string;
  bank: BankView;
  currency: string;
  balance: string;
}

/** An account on the wire; `populate` puts the customer object in place of its id. */
export function accountView(store: SandboxStore, account: AccountDoc, populate = false): AccountView {
  const customer = store.customers.get(account.customerId);
  const balance = store.balances.get(account._id);
  return {
    _id: account._id,
    id: account._id,
    name: account.name,
    nuban: account.nuban,
    bank: bankView(account.bank),
    type: account.type,
    customer: populate && customer !== undefined ? customerView(customer) : account.customerId,
    currency: account.currency,
    balance: account.balanceId,
    connected: store.link(account).status === 'active',
    env: SANDBOX_ENV,
    created_at: account.created_at,
    last_updated: balance?.last_updated ?? account.created_at,
  };
}

/**
 * A balance on the wire. The bank decides the available balance: reported, `null`, or no key at all; the
 * `missing-available` fault drops it whatever the bank.
 */
export function balanceView(
  store: SandboxStore,
  balance: BalanceDoc,
  options: { populate?: boolean; dropAvailable?: boolean } = {},
): ProviderBalance {
  const account = store.accounts.get(balance.accountId);
  const customer = store.customers.get(balance.customerId);
  const reporting = options.dropAvailable === true ? 'missing' : (account?.bank.available ?? 'reported');
  const view: ProviderBalance = { _id: balance._id, id: balance._id };
  if (reporting === 'reported') view.available_balance = naira(balance.available);
  if (reporting === 'null') view.available_balance = null;
  return {
    ...view,
    ledger_balance: naira(balance.ledger),
    currency: 'NGN',
    account:
      options.populate === true && account !== undefined ? accountView(store, account) : balance.accountId,
    customer:
      options.populate === true && customer !== undefined ? customerView(customer) : balance.customerId,
    record: balance.recordId,
    owner: store.ownerId,
    connected: account === undefined || store.link(account).status === 'active',
    env: SANDBOX_ENV,
    created_at: balance.created_at,
    last_updated: balance.last_updated,
    periodic: balance.periodic.map((snapshot) => ({
      ledger_balance: naira(snapshot.ledger),
      available_balance: reporting === 'reported' ? naira(snapshot.available ?? snapshot.ledger) : null,
      record: snapshot.record,
      date: snapshot.at,
    })),
  };
}

export function transactionView(transaction: TransactionDoc): ProviderTransaction {
  return {
    _id: transaction._id,
    id: transaction._id,
    account: transaction.accountId,
    customer: transaction.customerId,
    debit: transaction.debit === null ? null : naira(transaction.debit),
    credit: transaction.credit === null ? null : naira(transaction.credit),
    currency: 'NGN',
    trans_date: transaction.trans_date,
    cleared_date: transaction.cleared_date,
    notes: { desc: transaction.description },
    env: SANDBOX_ENV,
  };
}
