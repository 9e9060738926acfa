import type {
  LinkedAccount,
  LinkResult,
  WidgetEnv,
  WidgetEventPayload,
  WidgetOptions,
  WidgetProduct,
  WidgetSuccessPayload,
} from '@okra-balance/core';
import type { ConnectBalanceError } from './ConnectBalanceError.ts';
import type { OkraWidget } from './OkraWidget.ts';

/** okra-js options passed to the widget as they are, under okra-js's own (snake_case) names. */
export const WIDGET_FIELDS = [
  'app_id',
  'name',
  'callback_url',
  'options',
  'customer',
  'currency',
  'color',
  'logo',
  'limit',
  'isCorporate',
  'connectMessage',
  'widget_success',
  'widget_failed',
  'exp',
  'filter',
  'reauth_account',
  'reauth_bank',
] as const;

/** Names an extra option may not take: they have their own props, or this package sets them. */
type ReservedField = 'key' | 'publicKey' | 'token' | 'env' | 'products' | (typeof WIDGET_FIELDS)[number];

/** What okra-js can hand the widget: it sends the options into the iframe as JSON. */
export type WidgetJsonValue =
  string | number | boolean | null | WidgetJsonValue[] | { [key: string]: WidgetJsonValue };

/**
 * Widget options this package has no prop for (a newer okra-js option, a provider's own), passed on as they
 * are. The named options cannot be set here (the types refuse them; the props win if they get through).
 */
export type ExtraWidgetOptions = { readonly [name: string]: WidgetJsonValue } & {
  readonly [name in ReservedField]?: never;
};

/** Callbacks; the latest ones are always called, whenever they were passed. */
export interface ConnectBalanceCallbacks {
  /** The widget reported a link. `result` is a display hint only: a page can forge the message. */
  onSuccess?: ((result: LinkResult, raw: WidgetSuccessPayload) => void) | undefined;
  /** With `<BalanceProvider>`: the server confirmed and stored these accounts. */
  onLinked?: ((accounts: LinkedAccount[]) => void) | undefined;
  /**
   * The widget left the page: closed by the person (Escape too, while it loads), by `close()`, or after it
   * failed to load. `linked` tells a close after success from a cancel. Not called on unmount.
   */
  onClose?: ((info: { linked: boolean }) => void) | undefined;
  /** Linking could not go on; `error.code` says why, `error.message` says it to a person. */
  onError?: ((error: ConnectBalanceError) => void) | undefined;
  /** The widget's progress events (`event_name` says which). */
  onEvent?: ((event: WidgetEventPayload) => void) | undefined;
}

/** Standalone: the widget's options from your dashboard, in the page. `publicKey`, `token` and `env` go together. */
export type StandaloneWidgetOptions = {
  /** Your public key: okra-js's `key` (React keeps the `key` prop for itself). */
  publicKey: string;
  /** Your client token. */
  token: string;
  /** Exactly `production` or `production-sandbox`: okra-js turns anything else into the sandbox. */
  env: WidgetEnv;
  /** Added to `auth` and `balance`, which are always asked for. */
  products?: WidgetProduct[] | undefined;
  /** Where the widget is served. Default: Okra's (`https://app.okra.ng`); set it for the sandbox. */
  widgetOrigin?: string | undefined;
  /** Options okra-js takes that have no prop here. */
  extraWidgetOptions?: ExtraWidgetOptions | undefined;
  /** Only with `<BalanceProvider>`; standalone, pass okra-js's `reauth_account` and `reauth_bank`. */
  reauthAccountId?: undefined;
} & { [name in (typeof WIDGET_FIELDS)[number]]?: WidgetOptions[name] | undefined };

/** With `<BalanceProvider>` and no public key: the server hands out every widget option. */
export type ServerWidgetOptions = {
  [name in Exclude<keyof StandaloneWidgetOptions, 'reauthAccountId'>]?: undefined;
} & {
  /**
   * Our id of a linked account whose link needs its user again (its health is `needs_reauth`): the server's
   * link session opens the widget in re-authentication mode for that one link, and once the person has signed
   * in, the server confirms it and keeps the account's id and history. Leave it out to link a new account.
   */
  reauthAccountId?: string | undefined;
};

/**
 * Options of `useConnectBalance` (and props of `<ConnectBalance>`): standalone widget options, or none under
 * `<BalanceProvider>`; the callbacks; and how the widget is shown.
 */
export type UseConnectBalanceOptions = ConnectBalanceCallbacks &
  (StandaloneWidgetOptions | ServerWidgetOptions) & {
    /** The widget iframe's accessible name. Default "Link your bank account". */
    iframeTitle?: string | undefined;
    /**
     * How long the widget may take to say it has loaded before it is removed with a `widget_load_timeout`
     * error (ms). Default 20000.
     */
    loadTimeoutMs?: number | undefined;
    /** Where okra-js comes from. Default {@link loadOkra}; tests and stories pass a fake. */
    loader?: (() => Promise<OkraWidget | null>) | undefined;
  };
