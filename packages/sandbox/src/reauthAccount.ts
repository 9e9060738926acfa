import { bankView } from './fixtures/banks.ts';
import type { LinkAccountResult } from './linkCustomer.ts';
import type { LinkBook } from './LinkBook.ts';
import type { RecordBook } from './RecordBook.ts';
import type { SandboxStore } from './store.ts';
import { accountView } from './views.ts';

/**
 * Options of `sandbox.reauthAccount`: what a widget opened with `reauth_account` would carry.
 *
 * @example
 * await sandbox.reauthAccount(accountId, { options: { linkToken: 'lt_2' }, callbackUrl: 'http://127.0.0.1:3000/webhooks/okra' });
 */
export interface ReauthAccountOptions {
  /** The widget's `options` metadata, stored on the new record; `/balance/byOptions` finds the account by it. */
  options?: Record<string, unknown>;
  /** The widget's `callback_url`: the new record's webhook. */
  callbackUrl?: string;
}

/**
 * What a completed re-authentication does server-side: the same account and customer, its link active again
 * with its clock and call count reset, and a completed balance record carrying the widget's options, so the
 * app confirms it exactly as it confirms a new link.
 */
export function reauthAccount(
  parts: { store: SandboxStore; records: RecordBook; links: LinkBook },
  accountId: string,
  input: ReauthAccountOptions = {},
): LinkAccountResult {
  const { store, records, links } = parts;
  const account = store.accounts.get(accountId);
  if (account === undefined) {
    throw new RangeError(`Unknown account "${accountId}": re-authenticate an account the sandbox linked`);
  }
  links.restore(account);
  const record = records.create({
    method: 'BALANCE',
    account,
    options: input.options ?? null,
    callbackUrl: input.callbackUrl ?? null,
    done: true,
  });
  if ('retryInMs' in record) throw new Error('a re-authentication record is never a duplicate');
  return {
    customerId: account.customerId,
    recordId: record._id,
    recordIds: [record._id],
    bank: bankView(account.bank),
    accounts: [accountView(store, account)],
  };
}
