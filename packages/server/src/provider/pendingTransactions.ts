import type { PendingTransaction } from './deriveAvailable.ts';
import { toMinorUnits } from '@okra-balance/core';
import type { AmountUnit } from '@okra-balance/core';
import type { ProviderTransaction } from '@okra-balance/core';

/**
 * The pending transactions among a provider's, in minor units, for {@link deriveAvailable}. A transaction is
 * pending when it has no `cleared_date` (the provider does not document a pending flag: see the contract).
 * Rows with neither a debit nor a credit amount are skipped.
 */
export function pendingTransactions(
  transactions: readonly ProviderTransaction[],
  unit: AmountUnit,
  currency: string,
): PendingTransaction[] {
  const pending: PendingTransaction[] = [];
  for (const transaction of transactions) {
    if (typeof transaction.cleared_date === 'string' && transaction.cleared_date !== '') continue;
    const debit = amountOf(transaction.debit);
    const credit = amountOf(transaction.credit);
    if (debit !== null && debit !== 0) {
      pending.push({ amount: toMinorUnits(Math.abs(debit), unit, currency), direction: 'debit' });
    } else if (credit !== null && credit !== 0) {
      pending.push({ amount: toMinorUnits(Math.abs(credit), unit, currency), direction: 'credit' });
    }
  }
  return pending;
}

function amountOf(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}
