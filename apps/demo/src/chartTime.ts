import { REAL_HOUR_MS } from './historyRanges.ts';

/**
 * A time exactly, to the second, as a tooltip or the table shows it.
 *
 * @example
 * exactTime(Date.parse('2026-11-20T09:00:05Z')); // '20 Nov 2026, 10:00:05' (in Lagos)
 */
export function exactTime(time: number): string {
  return new Date(time).toLocaleString('en-NG', { dateStyle: 'medium', timeStyle: 'medium' });
}

/**
 * The label of an x-axis tick. In real time: the clock for a day's range, the date for longer ones. In fast
 * time every point is a few seconds apart on the clock, so ticks say how long ago in the demo's hours.
 *
 * @example
 * tickLabel(now - 2 * 86_400_000, { now, rangeMs: 7 * 86_400_000, hourMs: 3_600_000 }); // 'Wed 18 Nov'
 * tickLabel(now - 48 * 100, { now, rangeMs: 168 * 100, hourMs: 100 }); // '2 d ago'
 */
export function tickLabel(time: number, view: { now: number; rangeMs: number; hourMs: number }): string {
  const { now, rangeMs, hourMs } = view;
  if (hourMs === REAL_HOUR_MS) {
    const date = new Date(time);
    return rangeMs <= 24 * hourMs
      ? date.toLocaleTimeString('en-NG', { hour: '2-digit', minute: '2-digit' })
      : date.toLocaleDateString('en-NG', {
          weekday: rangeMs <= 7 * 24 * hourMs ? 'short' : undefined,
          day: 'numeric',
          month: 'short',
        });
  }
  const hours = Math.round((now - time) / hourMs);
  if (hours <= 0) return 'now';
  return hours % 24 === 0 || hours > 72 ? `${Math.round(hours / 24)} d ago` : `${hours} h ago`;
}

/** Evenly spaced tick times across the window, oldest first: hours for a day, days for longer ranges. */
export function ticksOf(view: { now: number; rangeMs: number; hourMs: number }): number[] {
  const { now, rangeMs, hourMs } = view;
  const step =
    rangeMs <= 24 * hourMs ? 6 * hourMs : rangeMs <= 7 * 24 * hourMs ? 24 * hourMs : 7 * 24 * hourMs;
  const ticks: number[] = [];
  for (let time = now; time >= now - rangeMs; time -= step) ticks.unshift(time);
  return ticks;
}
