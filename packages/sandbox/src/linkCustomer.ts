import { bankView, type BankView } from './fixtures/banks.ts';
import { CUSTOMER_NAMES } from './fixtures/names.ts';
import type { RecordBook } from './RecordBook.ts';
import type { SandboxStore } from './store.ts';
import { accountView, type AccountView } from './views.ts';

/**
 * Options of `sandbox.linkAccount`: what a widget login would carry.
 *
 * @example
 * await sandbox.linkAccount({ options: { linkToken: 'lt_1' }, callbackUrl: 'http://127.0.0.1:3000/webhooks/okra', bankId: 'gtbank', accounts: 1 });
 */
export interface LinkAccountOptions {
  /** The widget's `options` metadata, stored on the records; `/balance/byOptions` finds them by it. */
  options?: Record<string, unknown>;
  /** The widget's `callback_url`: this link's webhook. */
  callbackUrl?: string;
  /** A bank id or slug (`gtbank`, `access-bank`...). Default: one picked from the seed. */
  bankId?: string;
  customerName?: string;
  customerEmail?: string;
  /** How many accounts the customer has at the bank, 1 to 5. Default 2. */
  accounts?: number;
}

/**
 * What a completed link made on the provider's side.
 *
 * @example
 * const { customerId, accounts: [first] } = await sandbox.linkAccount();
 */
export interface LinkAccountResult {
  customerId: string;
  /** The balance record of the first account (each account gets one, all carrying `options`). */
  recordId: string;
  recordIds: string[];
  bank: BankView;
  accounts: AccountView[];
}

/**
 * What a completed widget login does server-side: a customer, its accounts at one bank, and for each a
 * completed balance record carrying the widget's options.
 */
export function linkCustomer(
  store: SandboxStore,
  records: RecordBook,
  input: LinkAccountOptions = {},
  { quiet = false }: { quiet?: boolean } = {},
): LinkAccountResult {
  const count = input.accounts ?? 2;
  if (!Number.isInteger(count) || count < 1 || count > 5) {
    throw new RangeError(`accounts must be a whole number from 1 to 5, got ${String(input.accounts)}`);
  }
  const bank = input.bankId === undefined ? store.fixtures.pick(store.banks) : store.bank(input.bankId);
  if (bank === undefined) {
    const known = store.banks.map((entry) => entry.slug).join(', ');
    throw new RangeError(`Unknown bank "${input.bankId ?? ''}": use a bank id or one of ${known}`);
  }
  const customer = store.addCustomer(
    input.customerName ?? store.fixtures.pick(CUSTOMER_NAMES),
    input.customerEmail,
  );
  const accounts: AccountView[] = [];
  const recordIds: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const recordId = store.makeId();
    const account = store.addAccount({ customer, bank, recordId });
    const record = records.create({
      method: 'BALANCE',
      account,
      options: input.options ?? null,
      callbackUrl: input.callbackUrl ?? null,
      done: true,
      id: recordId,
      quiet,
    });
    if ('retryInMs' in record) throw new Error('a link record is never a duplicate');
    recordIds.push(record._id);
    accounts.push(accountView(store, account));
  }
  const [recordId = ''] = recordIds;
  return { customerId: customer._id, recordId, recordIds, bank: bankView(bank), accounts };
}
