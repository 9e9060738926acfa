import { deriveAvailable, type PendingTransaction } from './deriveAvailable.ts';
import type { Balance } from '@okra-balance/core';
import { toMinorUnits } from '@okra-balance/core';
import { nonEmptyText as text } from '@okra-balance/core';
import type { AmountUnit } from '@okra-balance/core';
import type { ProviderBalance } from '@okra-balance/core';

/** Options of {@link normalizeBalance}. */
export interface NormalizeBalanceOptions {
  /** The provider's amount unit. */
  unit: AmountUnit;
  /** Pending transactions, to derive `available` when the bank gives none. */
  pending?: readonly PendingTransaction[];
  /** The time to use when the provider gives none (ISO). */
  now: string;
  /** When a balance check last ran, if known. */
  lastCheckedAt?: string | null;
  /** Currency when the provider omits it. Default `NGN`. */
  defaultCurrency?: string;
}

/**
 * Our {@link Balance} from the provider's. Returns null when the provider gave no usable ledger balance: a
 * record with no figures is not a balance, and must not replace the last good one.
 */
export function normalizeBalance(raw: ProviderBalance, options: NormalizeBalanceOptions): Balance | null {
  const currency = (text(raw.currency) ?? options.defaultCurrency ?? 'NGN').toUpperCase();
  if (!isAmount(raw.ledger_balance)) return null;
  const ledger = toMinorUnits(raw.ledger_balance, options.unit, currency);

  let available: number | null = null;
  let derived = false;
  if (isAmount(raw.available_balance)) {
    available = toMinorUnits(raw.available_balance, options.unit, currency);
  } else if (options.pending !== undefined) {
    available = deriveAvailable(ledger, options.pending);
    derived = true;
  }

  return {
    available,
    derived,
    ledger,
    currency,
    asOf: isoTime(raw.last_updated) ?? isoTime(raw.created_at) ?? options.now,
    lastCheckedAt: options.lastCheckedAt ?? null,
  };
}

function isAmount(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function isoTime(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const time = Date.parse(value);
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}
