import { describe, expect, it } from 'vitest';
import type { BalanceSnapshot, LinkOutage } from '@okra-balance/core';
import { chartSeries } from './chartSeries.ts';

const hour = 3_600_000;
const t0 = Date.parse('2026-11-20T00:00:00.000Z');
const at = (hours: number) => new Date(t0 + hours * hour).toISOString();

function snapshot(hours: number, ledger: number, available: number | null = ledger): BalanceSnapshot {
  return {
    id: `s${hours}`,
    recordedAt: at(hours),
    ledger,
    available,
    derived: false,
    currency: 'NGN',
    asOf: at(hours),
    lastCheckedAt: null,
  };
}

describe('chartSeries', () => {
  it('puts the snapshots oldest first, with a gap inside each outage so no line crosses it', () => {
    const newestFirst = [snapshot(30, 400), snapshot(20, 300), snapshot(6, 200), snapshot(0, 100)];
    const outage: LinkOutage = { from: at(7), to: at(19), reason: 'invalid_credentials' };
    const { points, bands, snapshots } = chartSeries(newestFirst, [outage], { from: t0, to: t0 + 48 * hour });
    expect(points.map((point) => [point.time, point.ledger])).toEqual([
      [t0, 100],
      [t0 + 6 * hour, 200],
      [t0 + 13 * hour, null],
      [t0 + 20 * hour, 300],
      [t0 + 30 * hour, 400],
    ]);
    expect(points[2]).toMatchObject({ available: null, outage: 'invalid_credentials' });
    expect(bands).toEqual([
      { from: t0 + 7 * hour, to: t0 + 19 * hour, reason: 'invalid_credentials', ongoing: false },
    ]);
    expect(snapshots.map((item) => item.id)).toEqual(['s0', 's6', 's20', 's30']);
  });

  it('leaves out what is outside the window, cuts outages to it, and runs an ongoing one to its end', () => {
    const window = { from: t0 + 10 * hour, to: t0 + 40 * hour };
    const outages: LinkOutage[] = [
      { from: at(36), to: null, reason: 'token_required' },
      { from: at(2), to: at(12), reason: 'consent_expired' },
      { from: at(1), to: at(3), reason: 'disconnected' },
    ];
    const { bands, snapshots } = chartSeries(
      [snapshot(5, 1), snapshot(20, 2), snapshot(45, 3)],
      outages,
      window,
    );
    expect(snapshots.map((item) => item.id)).toEqual(['s20']);
    expect(bands).toEqual([
      { from: window.from, to: t0 + 12 * hour, reason: 'consent_expired', ongoing: false },
      { from: t0 + 36 * hour, to: window.to, reason: 'token_required', ongoing: true },
    ]);
  });

  it('keeps a balance whose available was not reported, as a gap in that line only', () => {
    const { points } = chartSeries([snapshot(1, 500, null)], [], { from: t0, to: t0 + 2 * hour });
    expect(points).toEqual([{ time: t0 + hour, ledger: 500, available: null }]);
  });
});
