import type { SandboxBank } from './fixtures/banks.ts';
import type { ExpiredLinkStatus, LinkReplyShape, LinkStatus } from './linkStates.ts';

/** The sandbox's documents. Amounts are integer kobo inside; the wire gets naira (see `views.ts`). */

export interface CustomerDoc {
  _id: string;
  name: string;
  email: string;
  created_at: string;
}

export interface AccountDoc {
  _id: string;
  name: string;
  nuban: string;
  bank: SandboxBank;
  type: 'savings' | 'current';
  customerId: string;
  currency: 'NGN';
  /** The id of the account's one balance document. */
  balanceId: string;
  created_at: string;
  /** How many completed refreshes moved this account: the next move is a function of the seed and step. */
  step: number;
  link: LinkDoc;
}

/** Whether the account's link still works, and since when (see `LinkBook`). */
export interface LinkDoc {
  status: LinkStatus;
  shape: LinkReplyShape;
  /** ISO time this status began: the link or re-authentication while active. */
  since: string;
  /** Billed calls (refresh, check) since the link or re-authentication, for `expireAfterRefreshes`. */
  billedCalls: number;
}

export interface BalanceSnapshot {
  ledger: number;
  available: number | null;
  record: string;
  at: string;
}

export interface BalanceDoc {
  _id: string;
  accountId: string;
  customerId: string;
  /** The record that last wrote it. */
  recordId: string;
  ledger: number;
  /** What the bank's figures allow; whether it is shown depends on the bank (see `SandboxBank.available`). */
  available: number;
  created_at: string;
  last_updated: string;
  /** Earlier figures, oldest first, bounded. */
  periodic: BalanceSnapshot[];
}

export type RecordMethod = 'BALANCE' | 'CHECK_BALANCE';

/** Per-record behaviour picked from the fault plan when the record was made. */
export interface RecordFaults {
  lateByMs: number;
  duplicateCallback: boolean;
  webhookTwice: boolean;
  webhookNever: boolean;
  failed: boolean;
  /** What a check answers when a fault decides it (`check-changed`, `check-unchanged`); null: the seed does. */
  checkSays: boolean | null;
}

export interface RecordDoc {
  _id: string;
  method: RecordMethod;
  accountId: string;
  customerId: string;
  status: 'pending' | 'success' | 'failed';
  created_at: string;
  /** Epoch ms after which the bank has answered. */
  readyAt: number;
  completed_at: string | null;
  /** Metadata the widget was opened with; `/balance/byOptions` matches on it. */
  options: Record<string, unknown> | null;
  /** The record's own webhook (the widget's `callback_url`), if any. */
  callbackUrl: string | null;
  /** A delayed duplicate inside the bank's duplicate window answers without moving the balance. */
  moves: boolean;
  faults: RecordFaults;
  /** Set when the record was made on an expired link (`callback-status` shape): it fails with this status. */
  linkStatus: ExpiredLinkStatus | null;
  /** For CHECK_BALANCE, once done. */
  check: { balance_changed: boolean; last_checked: string; last_fetched: string } | null;
}

export interface TransactionDoc {
  _id: string;
  accountId: string;
  customerId: string;
  /** Kobo; exactly one of debit/credit is set. */
  debit: number | null;
  credit: number | null;
  description: string;
  trans_date: string;
  cleared_date: string | null;
}

export const NO_RECORD_FAULTS: RecordFaults = {
  lateByMs: 0,
  duplicateCallback: false,
  webhookTwice: false,
  webhookNever: false,
  failed: false,
  checkSays: null,
};
