import type { ReactNode } from 'react';
import { formatMoney, isSettled, type RefreshSchedule } from '@okra-balance/core';
import { describeApiError } from './describeApiError.ts';
import { describeRefreshFailure } from './describeRefreshFailure.ts';
import { formatDateTime } from './formatDateTime.ts';
import { formatAge, formatElapsed } from './formatDuration.ts';
import { useBalance } from './useBalance.ts';
import { useNow } from './useNow.ts';
import { useReconnect, type AccountReconnectOptions } from './useReconnect.ts';

export interface AccountBalanceProps {
  accountId: string;
  /** A heading, e.g. the account's name and bank. */
  label?: ReactNode;
  /** A BCP 47 locale for money, dates and times. Default `en-NG`. */
  locale?: string | undefined;
  /**
   * An IANA time zone for dates and times, e.g. `Africa/Lagos`, on the server and in the browser alike.
   * Default: UTC (named) in server HTML and while hydrating, then the reader's own zone.
   */
  timeZone?: string | undefined;
  /** How old a balance may be before it is marked stale (ms). Default one day. */
  staleAfterMs?: number | undefined;
  /** The account's `schedule` (from `useLinkedAccounts`): when on, the card says how often it refreshes. */
  schedule?: RefreshSchedule | undefined;
  /** How the widget opens when the account must be reconnected: callbacks, `iframeTitle`, `loader`. */
  reconnect?: AccountReconnectOptions | undefined;
  /** Added to the stable `ob-balance` class. */
  className?: string | undefined;
}

/**
 * One account's balance: available and ledger, labelled and formatted per currency and locale, with its
 * refresh state. Keeps showing the last balance while refreshing and after a failure, beside the reason and a
 * retry. When the link needs its user again, says why and offers "Reconnect", which opens the widget in
 * re-authentication mode for this account (okra-js loads on that click, not with the page). Unstyled: stable
 * `ob-` class names and `data-state`; `@okra-balance/react/styles.css` is optional.
 *
 * @example
 * <AccountBalance accountId={account.id} label={account.name} schedule={account.schedule} />
 */
export function AccountBalance({
  accountId,
  label,
  locale = 'en-NG',
  timeZone,
  schedule,
  ...props
}: AccountBalanceProps) {
  const result = useBalance(accountId);
  const reconnect = useReconnect(accountId, result, props.reconnect ?? {});
  const { balance, job, isRefreshing } = result;
  // Once reconnected, the refresh refused or failed before it says nothing more.
  const { error, failure } = reconnect.state === 'reconnected' ? { error: null, failure: null } : result;
  // Null in server HTML and while hydrating: what depends on the clock or the zone waits for the browser.
  const now = useNow(isRefreshing);
  const stale =
    balance !== null && now !== null && now - Date.parse(balance.asOf) > (props.staleAfterMs ?? 86_400_000);
  const state = result.isPending
    ? 'loading'
    : reconnect.state === 'reconnecting'
      ? 'reconnecting'
      : isRefreshing
        ? 'refreshing'
        : reconnect.state === 'reauth'
          ? 'reauth'
          : error || failure
            ? 'failed'
            : !balance
              ? 'empty'
              : (reconnect.state ?? (stale ? 'stale' : job?.state === 'unchanged' ? 'unchanged' : 'fresh'));
  const outdated = state === 'reauth' || state === 'reconnecting';
  const money = (amount: number) => formatMoney(amount, balance?.currency ?? 'NGN', { locale });
  const zone = timeZone ?? (now === null ? 'UTC' : undefined);
  const when = (iso: string) => formatDateTime(iso, locale, zone);

  return (
    <section
      className={props.className ? `ob-balance ${props.className}` : 'ob-balance'}
      data-state={state}
      aria-busy={isRefreshing}
    >
      {label && <h3 className="ob-balance-label">{label}</h3>}
      {balance ? (
        <dl className="ob-balance-figures">
          <div className="ob-balance-available">
            <dt>Available balance</dt>
            <dd>
              {balance.available === null ? (
                <span className="ob-balance-missing">Not reported by the bank</span>
              ) : (
                money(balance.available)
              )}
              {balance.available !== null && balance.derived && (
                <span className="ob-balance-derived"> (estimated from the ledger and pending payments)</span>
              )}
            </dd>
          </div>
          <div className="ob-balance-ledger">
            <dt>Ledger balance</dt>
            <dd>{money(balance.ledger)}</dd>
          </div>
        </dl>
      ) : (
        <p className="ob-balance-empty">{result.isPending ? 'Loading balance…' : 'No balance yet.'}</p>
      )}
      <p className="ob-balance-status" role="status">
        {state === 'refreshing' &&
          `Refreshing… ${job && !isSettled(job) && now !== null ? formatElapsed(now - Date.parse(job.createdAt)) : ''}`}
        {state === 'unchanged' && 'Checked with the bank: no change.'}
        {state === 'stale' &&
          balance &&
          now !== null &&
          `Last updated ${formatAge(now - Date.parse(balance.asOf), locale)}.`}
        {(state === 'fresh' || state === 'unchanged') && balance && ` As of ${when(balance.asOf)}.`}
        {state === 'reconnecting' && 'Reconnecting to your bank…'}
        {state === 'reconnected' && 'Reconnected. Refresh to see the latest balance.'}
        {outdated && balance && ` Last updated ${when(balance.asOf)}; it may be out of date.`}
      </p>
      {state === 'reauth' && (
        <p className="ob-balance-error" role="alert">
          {reconnect.message}
        </p>
      )}
      {!outdated && (error || failure) && (
        <p className="ob-balance-error" role="alert">
          {error ? describeApiError(error) : failure && describeRefreshFailure(failure.reason)}
          {balance && ' Showing the last balance we have.'}
        </p>
      )}
      {!outdated && !!schedule?.everyHours && (
        <p className="ob-balance-schedule">Refreshes every {schedule.everyHours} h.</p>
      )}
      {!result.isPending && !isRefreshing && (
        // One button element for Refresh and Reconnect, so focus stays on it when the widget gives it back.
        <button
          type="button"
          {...(outdated
            ? reconnect.button
            : {
                className: 'ob-balance-refresh',
                onClick: () => {
                  reconnect.reset();
                  (error && !balance ? result.reload : result.refresh)();
                },
                children: state === 'failed' ? 'Try again' : 'Refresh balance',
              })}
        />
      )}
    </section>
  );
}
