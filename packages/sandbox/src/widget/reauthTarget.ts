import type { WidgetOptions } from '@okra-balance/core';
import { bankView, type BankView } from '../fixtures/banks.ts';
import type { LinkBook } from '../LinkBook.ts';
import type { LinkStatus } from '../linkStates.ts';
import type { SandboxStore } from '../store.ts';

/** The one link a widget opened with `reauth_account` + `reauth_bank` reconnects, as the page shows it. */
export interface ReauthTarget {
  accountId: string;
  /** Masked to its last four digits, like the success screen. */
  nuban: string;
  type: string;
  bank: BankView;
  status: LinkStatus;
  /** The bank asks for a one-time password too (`token_required`). */
  otp: boolean;
}

/** Why the widget cannot re-authenticate: shown on its error screen and posted as the `error` message. */
export interface ReauthRefusal {
  status: 400 | 404;
  code: string;
  message: string;
}

/**
 * The link okra-js's `reauth_account` and `reauth_bank` name, or why it cannot be reconnected; null when the
 * widget was opened for a new link. The bank may be given by id or slug, and must be the account's.
 */
export function reauthTarget(
  options: WidgetOptions,
  store: SandboxStore,
  links: LinkBook,
): ReauthTarget | ReauthRefusal | null {
  const { reauth_account: accountId, reauth_bank: bankId } = options;
  if (accountId === undefined && bankId === undefined) return null;
  if (typeof accountId !== 'string' || typeof bankId !== 'string') {
    return refuse(400, 'invalid_reauth', 'Open the widget with both reauth_account and reauth_bank');
  }
  const account = store.accounts.get(accountId);
  const link = links.state(accountId);
  if (account === undefined || link === undefined) {
    return refuse(404, 'unknown_account', 'This account is not linked: connect it as a new account instead');
  }
  if (bankId !== account.bank._id && bankId !== account.bank.slug) {
    return refuse(400, 'bank_mismatch', `This account is held at ${account.bank.name}, not the bank given`);
  }
  return {
    accountId,
    nuban: `\u2022\u2022\u2022\u2022 ${account.nuban.slice(-4)}`,
    type: account.type,
    bank: bankView(account.bank),
    status: link.status,
    otp: link.status === 'token_required',
  };
}

function refuse(status: 400 | 404, code: string, message: string): ReauthRefusal {
  return { status, code, message };
}
