import type { AmountUnit } from './providers.ts';

/** Options of {@link formatMoney}. */
export interface FormatMoneyOptions {
  /** The unit `amount` is in. Default `minor` (kobo for NGN), the unit our own model stores. */
  unit?: AmountUnit;
  /** A BCP 47 locale. Default `en-NG`. */
  locale?: string;
  /** `symbol` (₦) or `code` (NGN). Default `symbol`. */
  currencyDisplay?: 'symbol' | 'narrowSymbol' | 'code' | 'name';
}

/** How many minor units a currency has: 2 for NGN, 0 for JPY, 3 for KWD. Falls back to 2. */
export function minorDigits(currency: string): number {
  const format = currencyFormat('en', currency, 'code');
  return format?.resolvedOptions().maximumFractionDigits ?? 2;
}

/**
 * Converts an amount in a provider's unit to integer minor units, rounding half away from zero, so that
 * sums and comparisons never meet floating point drift. Throws a RangeError for an amount that is not finite
 * or whose minor units pass `Number.MAX_SAFE_INTEGER`.
 *
 * @example
 * toMinorUnits(1500.5, 'major', 'NGN'); // 150050
 */
export function toMinorUnits(amount: number, unit: AmountUnit, currency: string): number {
  if (!Number.isFinite(amount)) throw new RangeError(`amount must be a finite number, got ${amount}`);
  const scaled = unit === 'minor' ? amount : amount * 10 ** minorDigits(currency);
  const minor = Math.sign(scaled) * Math.round(Math.abs(scaled));
  // Past 2^53 a double no longer holds every whole number: the kobo would be made up.
  if (!Number.isSafeInteger(minor)) throw new RangeError(`amount ${amount} is out of the safe range`);
  return minor === 0 ? 0 : minor;
}

/** Converts integer minor units to the decimal amount in the currency's major unit. */
export function toMajorUnits(minor: number, currency: string): number {
  return minor / 10 ** minorDigits(currency);
}

/**
 * Formats money for people with `Intl.NumberFormat`: NGN by default locale `en-NG`, any ISO 4217 currency,
 * amounts in minor units unless told otherwise. A code Intl does not accept is shown after the number,
 * never thrown.
 *
 * @example
 * formatMoney(150050, 'NGN'); // '₦1,500.50'
 * formatMoney(-2500, 'USD', { locale: 'en-US' }); // '-$25.00'
 */
export function formatMoney(amount: number, currency: string, options: FormatMoneyOptions = {}): string {
  const locale = options.locale ?? 'en-NG';
  const code = currency.trim().toUpperCase();
  const major = (options.unit ?? 'minor') === 'minor' ? toMajorUnits(amount, code) : amount;
  // Intl writes "-0" for a negative zero; money has no sign at zero.
  const value = Object.is(major, -0) ? 0 : major;
  const format = currencyFormat(locale, code, options.currencyDisplay ?? 'symbol');
  if (format !== null) return format.format(value);
  const plain = new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  return `${plain.format(value)} ${code}`.trim();
}

const formats = new Map<string, Intl.NumberFormat | null>();

// Building an Intl.NumberFormat costs far more than using one; balances re-render often.
function currencyFormat(
  locale: string,
  currency: string,
  currencyDisplay: NonNullable<FormatMoneyOptions['currencyDisplay']>,
): Intl.NumberFormat | null {
  const key = `${locale}|${currency}|${currencyDisplay}`;
  const cached = formats.get(key);
  if (cached !== undefined) return cached;
  let format: Intl.NumberFormat | null;
  try {
    format = new Intl.NumberFormat(locale, { style: 'currency', currency, currencyDisplay });
  } catch {
    format = null;
  }
  formats.set(key, format);
  return format;
}
