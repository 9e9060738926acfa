/**
 * A date and time, `dateStyle: 'medium'` with `timeStyle: 'short'`: in the reader's zone when `timeZone` is
 * undefined, else in that zone with its name, since it may not be the reader's (`20 Nov 2026, 09:00 UTC`).
 *
 * @example
 * formatDateTime('2026-11-20T09:00:00Z', 'en-NG', 'Africa/Lagos'); // '20 Nov 2026, 10:00 WAT'
 */
export function formatDateTime(iso: string, locale: string, timeZone?: string): string {
  const date = new Date(iso);
  if (timeZone === undefined) {
    return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
  }
  const text = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(
    date,
  );
  // `timeZoneName` cannot be combined with the two styles: the name comes from a formatter of its own.
  const name = new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: 'short' })
    .formatToParts(date)
    .find((part) => part.type === 'timeZoneName')?.value;
  return name ? `${text} ${name}` : text;
}
