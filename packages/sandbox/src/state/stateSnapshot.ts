import type { AccountDoc } from '../docs.ts';
import type { LatencySampler } from '../latency.ts';
import { freshLink } from '../linkPolicy.ts';
import type { RecordBook } from '../RecordBook.ts';
import type { SandboxStore } from '../store.ts';
import { STATE_VERSION, type SandboxState } from './sandboxStateSchema.ts';
import { SandboxStateError } from './SandboxStateError.ts';

/** The parts of a running sandbox that hold state worth keeping. */
export interface StatefulParts {
  store: SandboxStore;
  records: RecordBook;
  latency: LatencySampler;
}

/**
 * Everything a restart must not lose, as plain JSON data. Counts, faults, latency settings and open widget
 * sessions are left out: they are test knobs or live only while a page is open.
 *
 * @example
 * writeFileSync(file, JSON.stringify(snapshotState({ store, records, latency })));
 */
export function snapshotState({ store, records, latency }: StatefulParts): SandboxState {
  return {
    version: STATE_VERSION,
    seed: store.seed,
    savedAt: store.isoNow(),
    generators: { ...store.generators(), latency: latency.state() },
    customers: [...store.customers.values()],
    accounts: [...store.accounts.values()].map(({ bank, ...account }) => ({ ...account, bankId: bank._id })),
    balances: [...store.balances.values()],
    records: [...store.records.values()],
    transactions: Object.fromEntries(store.transactions),
    refreshTimes: records.refreshTimes(),
  };
}

/**
 * Loads a saved state into a fresh sandbox (one that made no customers of its own). Pending records are not
 * scheduled here: call `records.resumePending()` once the sandbox is serving.
 *
 * @example
 * const saved = readStateFile(file, seed);
 * if (saved !== null) restoreState(saved, { store, records, latency }, file);
 */
export function restoreState(
  state: SandboxState,
  { store, records, latency }: StatefulParts,
  file: string,
): void {
  const broken = (problem: string) => new SandboxStateError(file, problem);
  for (const customer of state.customers) store.customers.set(customer._id, customer);
  for (const { bankId, link, ...saved } of state.accounts) {
    const bank = store.bank(bankId);
    if (bank === undefined)
      throw broken(`account ${saved._id} names bank ${bankId}, which this sandbox lacks`);
    if (!store.customers.has(saved.customerId)) {
      throw broken(`account ${saved._id} belongs to customer ${saved.customerId}, who is not in the file`);
    }
    const account: AccountDoc = {
      ...saved,
      bank,
      link: link ?? freshLink(store.linkPolicy, saved.created_at),
    };
    store.accounts.set(account._id, account);
  }
  for (const balance of state.balances) {
    if (!store.accounts.has(balance.accountId)) {
      throw broken(`balance ${balance._id} is for account ${balance.accountId}, which is not in the file`);
    }
    store.balances.set(balance.accountId, balance);
  }
  for (const account of store.accounts.values()) {
    if (!store.balances.has(account._id)) throw broken(`account ${account._id} has no balance`);
  }
  for (const record of state.records) {
    if (!store.accounts.has(record.accountId)) {
      throw broken(`record ${record._id} is for account ${record.accountId}, which is not in the file`);
    }
    store.records.set(record._id, record);
  }
  for (const [accountId, transactions] of Object.entries(state.transactions)) {
    store.transactions.set(accountId, transactions);
  }
  store.resumeGenerators(state.generators);
  latency.resume(state.generators.latency);
  records.restoreRefreshTimes(state.refreshTimes);
}
