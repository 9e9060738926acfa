import { describe, expect, it } from 'vitest';
import { isApiErrorBody } from './api.ts';
import { isSettled, maskNuban } from './model.ts';

describe('maskNuban', () => {
  it('keeps the last four digits', () => {
    expect(maskNuban('0123456789')).toBe('******6789');
    expect(maskNuban('0123 456 789')).toBe('******6789');
  });

  it('masks short numbers entirely', () => {
    expect(maskNuban('1234')).toBe('****');
    expect(maskNuban('')).toBe('');
  });
});

describe('isSettled', () => {
  it('is true only for terminal states', () => {
    expect(['succeeded', 'unchanged', 'failed'].map((state) => isSettled({ state: state as never }))).toEqual(
      [true, true, true],
    );
    expect(
      ['queued', 'requesting', 'waiting', 'reading'].map((state) => isSettled({ state: state as never })),
    ).toEqual([false, false, false, false]);
  });
});

describe('isApiErrorBody', () => {
  it('recognises the route error shape with a known code only', () => {
    expect(isApiErrorBody({ error: { code: 'not_found', message: 'No such account' } })).toBe(true);
    expect(isApiErrorBody({ error: { code: 'made_up', message: 'x' } })).toBe(false);
    expect(isApiErrorBody({ error: 'not_found' })).toBe(false);
    expect(isApiErrorBody(null)).toBe(false);
  });
});
