/** A transaction the bank has not settled yet, in integer minor units (always positive). */
export interface PendingTransaction {
  amount: number;
  direction: 'debit' | 'credit';
}

/**
 * The available balance a bank did not report, derived as the provider's docs advise: ledger minus pending
 * debits plus pending credits. Amounts are integer minor units; a negative pending amount is read as its
 * magnitude, since the direction already carries the sign.
 *
 * @example
 * deriveAvailable(100_000, [{ amount: 2_500, direction: 'debit' }]); // 97_500
 */
export function deriveAvailable(ledger: number, pending: readonly PendingTransaction[]): number {
  let available = ledger;
  for (const transaction of pending) {
    const magnitude = Math.abs(transaction.amount);
    available += transaction.direction === 'credit' ? magnitude : -magnitude;
  }
  return available;
}
