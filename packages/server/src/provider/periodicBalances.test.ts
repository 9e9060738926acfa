import { describe, expect, it } from 'vitest';
import { periodicBalances } from './periodicBalances.ts';

const NOW = '2026-01-10T00:00:00.000Z';
const CURRENT = '2026-01-09T00:00:00.000Z';

describe('periodicBalances', () => {
  it('reads each earlier point once, oldest first, in minor units', () => {
    const points = periodicBalances(
      {
        currency: 'NGN',
        periodic: [
          { ledger_balance: 20, available_balance: 18, date: '2026-01-02T00:00:00Z' },
          { ledger_balance: 10, available_balance: null, last_updated: '2026-01-01T00:00:00Z' },
          { ledger_balance: 20, available_balance: 18, at: '2026-01-02T00:00:00.000Z' },
        ],
      },
      'major',
      CURRENT,
      NOW,
    );
    expect(points.map((p) => [p.asOf, p.ledger, p.available])).toEqual([
      ['2026-01-01T00:00:00.000Z', 1000, null],
      ['2026-01-02T00:00:00.000Z', 2000, 1800],
    ]);
  });

  it('leaves out points without a time or a ledger, from the future, at the record’s own time, or absurd', () => {
    const points = periodicBalances(
      {
        periodic: [
          { ledger_balance: 5 },
          { available_balance: 5, date: '2026-01-03T00:00:00Z' },
          { ledger_balance: 5, date: '2026-02-01T00:00:00Z' },
          { ledger_balance: 5, date: CURRENT },
          { ledger_balance: 2 ** 60, date: '2026-01-04T00:00:00Z' },
          'not an object',
          { ledger_balance: 7, date: '2026-01-05T00:00:00Z' },
        ],
      },
      'major',
      CURRENT,
      NOW,
    );
    expect(points.map((p) => p.ledger)).toEqual([700]);
    expect(periodicBalances({ periodic: 'soon' }, 'major', CURRENT, NOW)).toEqual([]);
    expect(periodicBalances({}, 'major', CURRENT, NOW)).toEqual([]);
  });
});
