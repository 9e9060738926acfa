import { describe, expect, it } from 'vitest';
import { deriveAvailable } from './deriveAvailable.ts';
import { pendingTransactions } from './pendingTransactions.ts';

describe('pendingTransactions', () => {
  it('keeps only uncleared transactions, in minor units with their direction', () => {
    const pending = pendingTransactions(
      [
        { debit: 25, cleared_date: null },
        { credit: 10.5 },
        { debit: 99, cleared_date: '2026-11-01T00:00:00Z' },
        { debit: null, credit: null },
        { debit: 0, credit: 3 },
      ],
      'major',
      'NGN',
    );
    expect(pending).toEqual([
      { amount: 2500, direction: 'debit' },
      { amount: 1050, direction: 'credit' },
      { amount: 300, direction: 'credit' },
    ]);
    expect(deriveAvailable(10_000, pending)).toBe(10_000 - 2500 + 1050 + 300);
  });

  it('reads minor units as they are and signs by direction, not by the number', () => {
    expect(pendingTransactions([{ debit: -700 }], 'minor', 'NGN')).toEqual([
      { amount: 700, direction: 'debit' },
    ]);
  });
});
