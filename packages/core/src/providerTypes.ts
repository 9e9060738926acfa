/**
 * The provider's wire shapes, as loosely as the docs allow: every field the docs are unsure of is optional,
 * and unknown fields are kept (providers add fields). Parse them at the edge; see the provider contract.
 */

/** A value the provider sends either as an id or as the populated object. */
export type IdOr<T> = string | T;

export interface ProviderBank {
  _id?: string;
  id?: string;
  name?: string;
  slug?: string;
  logo?: string;
  icon?: string;
  colors?: { primary?: string; accent?: string; bottom?: string; [key: string]: unknown };
  [key: string]: unknown;
}

export interface ProviderAccount {
  _id?: string;
  id?: string;
  name?: string;
  nuban?: string;
  bank?: IdOr<ProviderBank>;
  type?: string;
  customer?: IdOr<{ _id?: string; name?: string; [key: string]: unknown }>;
  currency?: string;
  /** The id of the account's balance record: not an amount. */
  balance?: string;
  connected?: boolean;
  env?: string;
  created_at?: string;
  last_updated?: string;
  [key: string]: unknown;
}

export interface ProviderBalance {
  _id?: string;
  id?: string;
  /** May be missing or null: some banks do not report it. */
  available_balance?: number | null;
  ledger_balance?: number | null;
  currency?: string;
  account?: IdOr<ProviderAccount>;
  customer?: IdOr<{ _id?: string; name?: string; [key: string]: unknown }>;
  record?: string;
  owner?: string;
  connected?: boolean;
  env?: string;
  created_at?: string;
  last_updated?: string;
  periodic?: unknown;
  [key: string]: unknown;
}

export interface ProviderPagination {
  totalDocs?: number;
  limit?: number;
  hasPrevPage?: boolean;
  hasNextPage?: boolean;
  page?: number;
  totalPages?: number;
  pagingCounter?: number;
  prevPage?: number | null;
  nextPage?: number | null;
}

/** The success envelope; HTTP 200 or 201. Some endpoints nest `data.data`. */
export interface ProviderSuccess<T = unknown> {
  status: 'success';
  message?: string;
  data: T;
  [key: string]: unknown;
}

/** Error `type` values the docs name. Others may appear. */
export type ProviderErrorType =
  'RATE_LIMIT' | 'SUSPENDED' | 'EMPTY_QUEUE' | 'NO_RECORD_ID' | 'EXPIRED' | (string & {});

/** The error envelope, with the variants seen in the SDKs (`msg`, `data.message`). */
export interface ProviderFailure {
  status: 'error';
  message?: string;
  msg?: string;
  type?: ProviderErrorType;
  data?: { message?: string | string[]; method?: string; [key: string]: unknown };
  [key: string]: unknown;
}

export type ProviderEnvelope<T = unknown> = ProviderSuccess<T> | ProviderFailure;

/** What `/balance/refresh` and `/balance/check` answer at once. */
export interface ProviderRecordStarted {
  callback_url?: string;
  record?: string;
  method?: 'BALANCE' | 'CHECK_BALANCE' | (string & {});
  [key: string]: unknown;
}

/** What `GET /callback?method=CHECK_BALANCE` answers once the bank replied. */
export interface ProviderCheckResult {
  balance_changed?: boolean;
  last_checked?: string;
  last_fetched?: string;
  [key: string]: unknown;
}

/** A paginated balance list: `data.balance`, or `data.balances` in some clients. */
export interface ProviderBalancePage {
  balance?: ProviderBalance[];
  balances?: ProviderBalance[];
  pagination?: ProviderPagination;
  [key: string]: unknown;
}

export interface ProviderAccountPage {
  account?: ProviderAccount[];
  accounts?: ProviderAccount[];
  pagination?: ProviderPagination;
  [key: string]: unknown;
}

/** A webhook body. Its shape is unpublished, so everything is optional and keyed on `record`/`type`. */
export interface ProviderWebhookEvent {
  type?: string;
  event?: string;
  callback_type?: string;
  callback_code?: string;
  record?: string;
  record_id?: string;
  customer?: string;
  account?: string;
  method?: string;
  status?: string;
  error?: unknown;
  [key: string]: unknown;
}

/**
 * A transaction from the Transactions product (`/transactions/getByAccount`). Whether a transaction is
 * pending is not documented; this project reads a missing or null `cleared_date` as pending (a guess,
 * configurable in the server).
 */
export interface ProviderTransaction {
  _id?: string;
  id?: string;
  account?: IdOr<ProviderAccount>;
  debit?: number | null;
  credit?: number | null;
  currency?: string;
  trans_date?: string;
  cleared_date?: string | null;
  notes?: { desc?: string; [key: string]: unknown };
  [key: string]: unknown;
}

export interface ProviderTransactionPage {
  transaction?: ProviderTransaction[];
  transactions?: ProviderTransaction[];
  pagination?: ProviderPagination;
  [key: string]: unknown;
}
