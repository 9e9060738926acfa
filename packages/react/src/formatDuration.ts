/**
 * A short elapsed time for a running refresh: `8 s`, `2 min 5 s`.
 *
 * @example
 * formatElapsed(125_000); // '2 min 5 s'
 */
export function formatElapsed(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  if (seconds < 60) return `${seconds} s`;
  return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}

const units: [Intl.RelativeTimeFormatUnit, number][] = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
];

/**
 * How long ago something happened, in the reader's language: `3 days ago`, `1 hour ago`.
 *
 * @example
 * formatAge(2 * 86_400_000, 'en'); // '2 days ago'
 */
export function formatAge(ms: number, locale: string): string {
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  for (const [unit, size] of units) {
    if (ms >= size) return format.format(-Math.floor(ms / size), unit);
  }
  return format.format(0, 'minute');
}
