import { describe, expect, it } from 'vitest';
import { repairCallbackUrl } from './callbackUrl.ts';

describe('repairCallbackUrl', () => {
  it('puts `callback` back where the provider wrote `undefined`', () => {
    expect(repairCallbackUrl('https://api.okra.ng/v2/undefined?record=r1&method=BALANCE')).toBe(
      'https://api.okra.ng/v2/callback?record=r1&method=BALANCE',
    );
  });

  it('repairs an `undefined` segment in the middle of the path', () => {
    expect(repairCallbackUrl('https://api.flick.co/v2/undefined/?record=r1')).toBe(
      'https://api.flick.co/v2/callback/?record=r1',
    );
  });

  it('leaves `undefined` inside a record id or the query alone', () => {
    const url = 'https://api.okra.ng/v2/callback?record=undefined-7&method=undefined';
    expect(repairCallbackUrl(url)).toBe(url);
    expect(repairCallbackUrl('https://api.okra.ng/v2/undefinedness?x=1')).toBe(
      'https://api.okra.ng/v2/undefinedness?x=1',
    );
  });

  it('leaves a healthy URL unchanged', () => {
    const url = 'https://api.okra.ng/v2/callback?record=r1&method=CHECK_BALANCE';
    expect(repairCallbackUrl(url)).toBe(url);
  });

  it('resolves a relative callback against a base', () => {
    expect(repairCallbackUrl('/v2/undefined?record=r2', 'http://127.0.0.1:4010/v2')).toBe(
      'http://127.0.0.1:4010/v2/callback?record=r2',
    );
  });

  it('returns null for something that is not a URL', () => {
    expect(repairCallbackUrl('not a url')).toBeNull();
    expect(repairCallbackUrl('')).toBeNull();
  });
});
