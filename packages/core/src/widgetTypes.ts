import type { ProviderBank } from './providerTypes.ts';

/** The only two values okra-js honours. Anything else silently becomes sandbox in okra-js, so we refuse it. */
export type WidgetEnv = 'production' | 'production-sandbox';

export const WIDGET_ENVS: readonly WidgetEnv[] = ['production', 'production-sandbox'];

/** Products the widget can ask for. `auth` and `balance` are always included by this project. */
export type WidgetProduct =
  'auth' | 'balance' | 'identity' | 'income' | 'transactions' | 'payments' | (string & {});

/** The data fields of okra-js's `buildWithOptions` (the callbacks are added by the React package). */
export interface WidgetOptions {
  /** Your public key (never the secret key). */
  key: string;
  /** Your client token. */
  token: string;
  env: WidgetEnv;
  products: WidgetProduct[];
  app_id?: string;
  name?: string;
  /** A webhook for this link's records. */
  callback_url?: string;
  /** Free metadata stored on the record; queryable with `/balance/byOptions`. */
  options?: Record<string, unknown>;
  customer?: { name?: string; email?: string; [key: string]: unknown };
  currency?: string;
  color?: string;
  logo?: string;
  limit?: number;
  isCorporate?: boolean;
  connectMessage?: string;
  widget_success?: string;
  widget_failed?: string;
  exp?: string;
  filter?: { industry_type?: string; banks?: string[]; [key: string]: unknown };
  reauth_account?: string;
  reauth_bank?: string;
  [key: string]: unknown;
}

/** An account as the widget's onSuccess reports it. */
export interface WidgetSuccessAccount {
  id?: string;
  _id?: string;
  name?: string;
  nuban?: string;
  customer?: string;
  currency?: string;
  connected?: boolean;
  [key: string]: unknown;
}

/**
 * The widget's onSuccess message, as okra-js passes it through (the whole message object). Only a display
 * hint: a page can forge it, so nothing is ever authorized from it.
 */
export interface WidgetSuccessPayload {
  success?: unknown;
  auth?: {
    customer_id?: string;
    bank_id?: string;
    bank_details?: ProviderBank;
    clientId?: string;
    status?: string;
    type?: string;
    login_type?: string;
    [key: string]: unknown;
  };
  accounts?: WidgetSuccessAccount[];
  bank_id?: string;
  bank_details?: ProviderBank;
  customer_id?: string;
  customer?: string | { _id?: string; id?: string; [key: string]: unknown };
  record?: string;
  record_id?: string;
  recordId?: string;
  [key: string]: unknown;
}

export interface WidgetErrorPayload {
  error?: unknown;
  message?: string;
  type?: string;
  [key: string]: unknown;
}

export interface WidgetEventPayload {
  event?: unknown;
  event_name?: string;
  [key: string]: unknown;
}
