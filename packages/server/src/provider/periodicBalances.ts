import { dataLayers, type AmountUnit, type Balance, type ProviderBalance } from '@okra-balance/core';
import { normalizeBalance } from './normalizeBalance.ts';

// A record's history is a bounded list; more than this is not history a chart needs.
const MAX_POINTS = 500;

/**
 * The earlier balances a balance record carries in `periodic` (its shape is undocumented: a list of objects
 * with `ledger_balance`, maybe `available_balance`, and a time in `date`, `last_updated`, `created_at` or
 * `at`). Points without a time or a ledger, from the future, or at the record's own time are left out, and
 * each time appears once. Oldest first.
 *
 * @example
 * periodicBalances(raw, 'major', read.balance.asOf, now); // [{ ledger: 120_000, asOf: '2026-...', ... }]
 */
export function periodicBalances(
  raw: ProviderBalance,
  unit: AmountUnit,
  currentAsOf: string,
  now: string,
): Balance[] {
  const list = Array.isArray(raw.periodic) ? raw.periodic : [];
  const byTime = new Map<string, Balance>();
  for (const entry of list.slice(-MAX_POINTS)) {
    const [point] = dataLayers(entry);
    if (point === undefined) continue;
    const time = [point.date, point.last_updated, point.created_at, point.at].find(
      (value): value is string => typeof value === 'string' && !Number.isNaN(Date.parse(value)),
    );
    if (time === undefined) continue;
    const asOf = new Date(Date.parse(time)).toISOString();
    if (asOf === currentAsOf || asOf > now) continue;
    const balance = safely(() =>
      normalizeBalance(
        { ...point, currency: textOf(point.currency) ?? raw.currency ?? 'NGN', last_updated: asOf },
        { unit, now, lastCheckedAt: null },
      ),
    );
    if (balance !== null && /^[A-Z]{3}$/.test(balance.currency)) byTime.set(asOf, balance);
  }
  return [...byTime.values()].sort((a, b) => (a.asOf < b.asOf ? -1 : 1));
}

function textOf(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

// A point with figures we refuse (past 2^53 minor units) is dropped, not the whole read.
function safely(read: () => Balance | null): Balance | null {
  try {
    return read();
  } catch {
    return null;
  }
}
