/** The ranges a person can pick for the history chart, in the demo's hours (shorter in fast time). */
export const HISTORY_RANGES = [
  { id: 'day', label: 'Day', hours: 24 },
  { id: 'week', label: 'Week', hours: 24 * 7 },
  { id: 'month', label: 'Month', hours: 24 * 30 },
] as const;

export type HistoryRangeId = (typeof HISTORY_RANGES)[number]['id'];

/** A real hour; the demo's fast time makes it shorter (`DEMO_TIME_SCALE`). */
export const REAL_HOUR_MS = 3_600_000;

/** The width of a range in milliseconds, for an hour of `hourMs`. */
export function rangeMs(id: HistoryRangeId, hourMs: number): number {
  const range = HISTORY_RANGES.find((candidate) => candidate.id === id) ?? HISTORY_RANGES[1];
  return range.hours * hourMs;
}
