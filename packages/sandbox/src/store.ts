import type { AccountDoc, BalanceDoc, CustomerDoc, LinkDoc, RecordDoc, TransactionDoc } from './docs.ts';
import { createBanks, type SandboxBank } from './fixtures/banks.ts';
import { makeTransactions } from './fixtures/makeTransactions.ts';
import { nuban } from './fixtures/nuban.ts';
import { freshLink, linkAt, resolveLinkPolicy, type LinkPolicy } from './linkPolicy.ts';
import { createRandom, hashUnit, type Random } from './random.ts';

const HISTORY_LIMIT = 20;
const DAY = 86_400_000;

/** Options of {@link SandboxStore.addAccount}. */
export interface NewAccount {
  customer: CustomerDoc;
  bank: SandboxBank;
  /** The record that fetched the first balance. */
  recordId: string;
}

/** The positions of the store's seeded streams (see {@link SandboxStore.generators}). */
export interface StoreGenerators {
  ids: number;
  fixtures: number;
}

/**
 * Everything the sandbox knows, in memory, made from the seed. Ids, fixtures and balance moves depend only on
 * the seed and the order of calls; times come from `now`.
 */
export class SandboxStore {
  readonly banks: SandboxBank[];
  readonly customers = new Map<string, CustomerDoc>();
  readonly accounts = new Map<string, AccountDoc>();
  readonly balances = new Map<string, BalanceDoc>();
  readonly records = new Map<string, RecordDoc>();
  readonly transactions = new Map<string, TransactionDoc[]>();
  /** The `owner` of every balance: the company the keys belong to. */
  readonly ownerId: string;
  private ids: Random;
  private fixtureStream: Random;

  constructor(
    readonly seed: number,
    readonly now: () => number = Date.now,
    /** When links expire on their own. */
    readonly linkPolicy: LinkPolicy = resolveLinkPolicy(),
  ) {
    this.ids = createRandom(seed ^ 0x5eed);
    this.fixtureStream = createRandom(seed ^ 0xf1c5);
    this.banks = createBanks(() => this.makeId());
    this.ownerId = this.makeId();
  }

  /** The seeded stream fixtures (names, NUBANs, amounts, transactions) are drawn from. */
  get fixtures(): Random {
    return this.fixtureStream;
  }

  /** Where the id and fixture streams are, so a saved state continues them after a restart. */
  generators(): StoreGenerators {
    return { ids: this.ids.state(), fixtures: this.fixtureStream.state() };
  }

  resumeGenerators(at: StoreGenerators): void {
    this.ids = createRandom(at.ids);
    this.fixtureStream = createRandom(at.fixtures);
  }

  /** A 24-hex id, like the provider's Mongo ids. */
  makeId(): string {
    return this.ids.hex(24);
  }

  isoNow(offsetMs = 0): string {
    return new Date(this.now() + offsetMs).toISOString();
  }

  bank(idOrSlug: string): SandboxBank | undefined {
    return this.banks.find((bank) => bank._id === idOrSlug || bank.slug === idOrSlug);
  }

  addCustomer(name: string, email?: string): CustomerDoc {
    const _id = this.makeId();
    const fallbackEmail = `${name.toLowerCase().replace(/[^a-z]+/g, '.')}@example.com`;
    const customer = { _id, name, email: email ?? fallbackEmail, created_at: this.isoNow() };
    this.customers.set(_id, customer);
    return customer;
  }

  addAccount({ customer, bank, recordId }: NewAccount): AccountDoc {
    const account: AccountDoc = {
      _id: this.makeId(),
      name: customer.name,
      nuban: nuban(bank.code, String(this.fixtures.int(0, 999_999_999)).padStart(9, '0')),
      bank,
      type: this.fixtures.next() < 0.7 ? 'savings' : 'current',
      customerId: customer._id,
      currency: 'NGN',
      balanceId: this.makeId(),
      created_at: this.isoNow(),
      step: 0,
      link: freshLink(this.linkPolicy, this.isoNow()),
    };
    const transactions = makeTransactions(this, account, this.now() - 30 * DAY);
    const ledger = this.fixtures.int(5_000, 2_500_000) * 100 + this.fixtures.int(0, 99);
    const pendingNet = transactions.reduce(
      (net, t) => (t.cleared_date === null ? net + (t.credit ?? 0) - (t.debit ?? 0) : net),
      0,
    );
    this.accounts.set(account._id, account);
    this.transactions.set(account._id, transactions);
    this.balances.set(account._id, {
      _id: account.balanceId,
      accountId: account._id,
      customerId: customer._id,
      recordId,
      ledger,
      available: ledger + pendingNet,
      created_at: this.isoNow(),
      last_updated: this.isoNow(),
      periodic: [],
    });
    return account;
  }

  balanceById(id: string): BalanceDoc | undefined {
    for (const balance of this.balances.values()) if (balance._id === id) return balance;
    return undefined;
  }

  /**
   * The kobo the next completed refresh moves the ledger by: zero for about a third of steps, so checks
   * sometimes report no change. Fixed by the seed, the account and the step.
   */
  nextMove(account: AccountDoc): number {
    const step = account.step + 1;
    if (hashUnit(this.seed, account._id, 'still', step) < 0.35) return 0;
    const size = Math.round(hashUnit(this.seed, account._id, 'size', step) * 15_000_000) + 50_000;
    const credit = hashUnit(this.seed, account._id, 'way', step) < 0.45;
    const ledger = this.balances.get(account._id)?.ledger ?? 0;
    return credit || ledger < size ? size : -size;
  }

  /** Applies the next move (a refresh completed) and stamps the balance with the record. */
  moveBalance(account: AccountDoc, recordId: string, moves: boolean): BalanceDoc {
    const balance = this.balances.get(account._id);
    if (balance === undefined) throw new Error(`account ${account._id} has no balance`);
    const delta = moves ? this.nextMove(account) : 0;
    if (moves) account.step += 1;
    const snapshot = { ledger: balance.ledger, available: balance.available, record: balance.recordId };
    balance.periodic = [...balance.periodic, { ...snapshot, at: balance.last_updated }].slice(-HISTORY_LIMIT);
    balance.ledger += delta;
    balance.available += delta;
    balance.recordId = recordId;
    balance.last_updated = this.isoNow();
    return balance;
  }

  /** The account's link as it stands now: one past its `expireAfterMs` is stored as expired first. */
  link(account: AccountDoc): LinkDoc {
    account.link = linkAt(account.link, this.linkPolicy, this.now());
    return account.link;
  }

  accountsOf(customerId: string): AccountDoc[] {
    return [...this.accounts.values()].filter((account) => account.customerId === customerId);
  }
}
