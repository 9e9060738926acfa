import { describe, expect, it } from 'vitest';
import { deriveAvailable } from './deriveAvailable.ts';

describe('deriveAvailable', () => {
  it('is the ledger when nothing is pending', () => {
    expect(deriveAvailable(100_000, [])).toBe(100_000);
  });

  it('subtracts pending debits and adds pending credits', () => {
    expect(
      deriveAvailable(100_000, [
        { amount: 2_500, direction: 'debit' },
        { amount: 1_000, direction: 'credit' },
        { amount: 500, direction: 'debit' },
      ]),
    ).toBe(98_000);
  });

  it('reads a negative pending amount by its magnitude', () => {
    expect(deriveAvailable(10_000, [{ amount: -2_000, direction: 'debit' }])).toBe(8_000);
  });

  it('can go below zero, and starts from a zero or negative ledger', () => {
    expect(deriveAvailable(0, [{ amount: 300, direction: 'debit' }])).toBe(-300);
    expect(deriveAvailable(-500, [{ amount: 200, direction: 'credit' }])).toBe(-300);
  });
});
