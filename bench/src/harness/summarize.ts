/** A sample's median with its spread. */
export interface Summary {
  n: number;
  median: number;
  min: number;
  max: number;
}

/**
 * The median, min and max of a sample: the figures every table prints, since one noisy run says little.
 *
 * @example
 * summarize([3, 1, 2]); // { n: 3, median: 2, min: 1, max: 3 }
 */
export function summarize(values: readonly number[]): Summary {
  if (values.length === 0) return { n: 0, median: Number.NaN, min: Number.NaN, max: Number.NaN };
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  return { n: sorted.length, median, min: sorted[0]!, max: sorted[sorted.length - 1]! };
}

/**
 * Ratios of paired runs (`a[i] / b[i]`), each pair measured side by side, so slow moments of the machine
 * hit both sides of a ratio alike.
 *
 * @example
 * pairedRatios([10, 12], [5, 4]); // [2, 3]
 */
export function pairedRatios(a: readonly number[], b: readonly number[]): number[] {
  const n = Math.min(a.length, b.length);
  return Array.from({ length: n }, (_, i) => a[i]! / b[i]!);
}

/**
 * `median (min–max)` with the given digits, e.g. `1.23 (1.10–1.40)`.
 *
 * @example
 * formatSummary(summarize([1, 2, 4]), 1, ' ms'); // '2.0 ms (1.0–4.0)'
 */
export function formatSummary(summary: Summary, digits = 1, unit = ''): string {
  if (summary.n === 0) return 'n/a';
  const f = (value: number) => value.toFixed(digits);
  if (summary.n === 1) return `${f(summary.median)}${unit}`;
  return `${f(summary.median)}${unit} (${f(summary.min)}–${f(summary.max)})`;
}
