import { describe, expect, it } from 'vitest';
import { formatMoney, minorDigits, toMajorUnits, toMinorUnits } from './money.ts';

describe('formatMoney', () => {
  it('formats naira from kobo by default', () => {
    expect(formatMoney(150050, 'NGN')).toBe('₦1,500.50');
  });

  it('formats zero without a sign, including negative zero', () => {
    expect(formatMoney(0, 'NGN')).toBe('₦0.00');
    expect(formatMoney(-0, 'NGN')).toBe('₦0.00');
  });

  it('formats negative amounts (an overdraft) with a minus sign', () => {
    expect(formatMoney(-250000, 'NGN')).toBe('-₦2,500.00');
  });

  it('takes major units when told', () => {
    expect(formatMoney(1500.5, 'NGN', { unit: 'major' })).toBe('₦1,500.50');
  });

  it('knows currencies with no or three minor digits', () => {
    expect(formatMoney(500, 'JPY', { locale: 'en-US' })).toBe('¥500');
    expect(formatMoney(1234, 'KWD', { locale: 'en-US', currencyDisplay: 'code' })).toMatch(/^KWD\s1\.234$/);
  });

  it('formats any ISO currency in its locale', () => {
    expect(formatMoney(1999, 'USD', { locale: 'en-US' })).toBe('$19.99');
    expect(formatMoney(1999, 'usd', { locale: 'en-US' })).toBe('$19.99');
  });

  it('shows a code Intl refuses after the number instead of throwing', () => {
    expect(formatMoney(1234, 'naira')).toBe('12.34 NAIRA');
  });
});

describe('unit conversion', () => {
  it('knows minor digits per currency, 2 when unknown', () => {
    expect(minorDigits('NGN')).toBe(2);
    expect(minorDigits('JPY')).toBe(0);
    expect(minorDigits('KWD')).toBe(3);
    expect(minorDigits('not-a-code')).toBe(2);
  });

  it('converts major to integer minor units without float drift', () => {
    expect(toMinorUnits(0.1 + 0.2, 'major', 'NGN')).toBe(30);
    expect(toMinorUnits(1500.505, 'major', 'NGN')).toBe(150051);
    expect(toMinorUnits(-10.005, 'major', 'NGN')).toBe(-1001);
    expect(toMinorUnits(150050, 'minor', 'NGN')).toBe(150050);
    expect(toMinorUnits(12, 'major', 'JPY')).toBe(12);
  });

  it('refuses amounts whose minor units a double cannot hold exactly', () => {
    expect(() => toMinorUnits(1e22, 'minor', 'NGN')).toThrow(RangeError);
    expect(() => toMinorUnits(1e14, 'major', 'NGN')).toThrow(RangeError);
    expect(toMinorUnits(9e12, 'major', 'NGN')).toBe(9e14);
    expect(toMinorUnits(-Number.MAX_SAFE_INTEGER, 'minor', 'NGN')).toBe(-Number.MAX_SAFE_INTEGER);
  });

  it('refuses amounts that are not finite', () => {
    expect(() => toMinorUnits(Number.NaN, 'major', 'NGN')).toThrow(RangeError);
    expect(() => toMinorUnits(Infinity, 'minor', 'NGN')).toThrow(/finite/);
  });

  it('converts minor back to major', () => {
    expect(toMajorUnits(150050, 'NGN')).toBe(1500.5);
  });
});
