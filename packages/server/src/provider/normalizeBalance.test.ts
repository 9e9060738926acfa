import { describe, expect, it } from 'vitest';
import { normalizeBalance } from './normalizeBalance.ts';

const now = '2026-11-21T10:00:00.000Z';

describe('normalizeBalance', () => {
  it('converts naira to kobo and keeps the bank time', () => {
    expect(
      normalizeBalance(
        {
          available_balance: 1500.5,
          ledger_balance: 2000,
          currency: 'NGN',
          last_updated: '2026-11-20T09:00:00Z',
        },
        { unit: 'major', now },
      ),
    ).toEqual({
      available: 150050,
      derived: false,
      ledger: 200000,
      currency: 'NGN',
      asOf: '2026-11-20T09:00:00.000Z',
      lastCheckedAt: null,
    });
  });

  it('keeps minor units as they are', () => {
    expect(
      normalizeBalance({ available_balance: 10, ledger_balance: 20 }, { unit: 'minor', now }),
    ).toMatchObject({
      available: 10,
      ledger: 20,
      currency: 'NGN',
      asOf: now,
    });
  });

  it('leaves available null when the bank gives none and no pending transactions are known', () => {
    const balance = normalizeBalance(
      { available_balance: null, ledger_balance: 100 },
      { unit: 'major', now },
    );
    expect(balance).toMatchObject({ available: null, derived: false, ledger: 10000 });
  });

  it('derives available from pending transactions and marks it derived', () => {
    const balance = normalizeBalance(
      { ledger_balance: 100 },
      { unit: 'major', now, pending: [{ amount: 2500, direction: 'debit' }] },
    );
    expect(balance).toMatchObject({ available: 7500, derived: true, ledger: 10000 });
  });

  it('prefers the bank’s available over a derivation', () => {
    const balance = normalizeBalance(
      { available_balance: 0, ledger_balance: 100 },
      { unit: 'major', now, pending: [{ amount: 2500, direction: 'debit' }] },
    );
    expect(balance).toMatchObject({ available: 0, derived: false });
  });

  it('keeps zero and negative balances', () => {
    expect(
      normalizeBalance({ available_balance: -5.25, ledger_balance: 0 }, { unit: 'major', now }),
    ).toMatchObject({
      available: -525,
      ledger: 0,
    });
  });

  it('is null without a usable ledger balance', () => {
    expect(normalizeBalance({ available_balance: 5 }, { unit: 'major', now })).toBeNull();
    expect(normalizeBalance({ ledger_balance: null }, { unit: 'major', now })).toBeNull();
    expect(normalizeBalance({ ledger_balance: Number.NaN }, { unit: 'major', now })).toBeNull();
  });

  it('ignores an unparseable time and upper-cases the currency', () => {
    const balance = normalizeBalance(
      { ledger_balance: 1, currency: 'usd', last_updated: 'yesterday' },
      { unit: 'major', now, lastCheckedAt: now },
    );
    expect(balance).toMatchObject({ currency: 'USD', asOf: now, lastCheckedAt: now });
  });
});
