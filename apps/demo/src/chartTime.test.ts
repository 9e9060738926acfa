import { describe, expect, it } from 'vitest';
import { tickLabel, ticksOf } from './chartTime.ts';

const now = Date.parse('2026-11-20T12:00:00.000Z');

describe('the chart axis', () => {
  it('puts ticks every 6 hours on a day, every day on a week, every week on a month, ending now', () => {
    const hourMs = 100;
    const day = ticksOf({ now, rangeMs: 24 * hourMs, hourMs });
    expect(day).toEqual([0, 6, 12, 18, 24].map((hours) => now - (24 - hours) * hourMs));
    expect(ticksOf({ now, rangeMs: 168 * hourMs, hourMs })).toHaveLength(8);
    expect(ticksOf({ now, rangeMs: 720 * hourMs, hourMs })).toHaveLength(5);
  });

  it('says how long ago in the demo’s hours in fast time, where the clock would show seconds apart', () => {
    const view = { now, rangeMs: 168 * 100, hourMs: 100 };
    expect(tickLabel(now, view)).toBe('now');
    expect(tickLabel(now - 6 * 100, view)).toBe('6 h ago');
    expect(tickLabel(now - 48 * 100, view)).toBe('2 d ago');
    expect(tickLabel(now - 120 * 100, view)).toBe('5 d ago');
  });

  it('shows the clock on a real day and the date on a real week', () => {
    const hourMs = 3_600_000;
    expect(tickLabel(now - 6 * hourMs, { now, rangeMs: 24 * hourMs, hourMs })).toMatch(/^\d{2}:\d{2}$/);
    expect(tickLabel(now - 48 * hourMs, { now, rangeMs: 168 * hourMs, hourMs })).toMatch(/18 Nov/);
  });
});
