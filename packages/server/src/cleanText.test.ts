import { describe, expect, it } from 'vitest';
import { cleanJson, cleanText, hostileTextAt } from './cleanText.ts';

describe('hostile text', () => {
  it('finds a NUL or an unpaired surrogate in keys and values, and passes real pairs', () => {
    expect(hostileTextAt({ a: 'fine', b: ['ok', { c: 'x\u0000' }] })).toBe('b.1.c');
    expect(hostileTextAt({ ['k\uDC00']: 1 })).toBe('k\uDC00');
    expect(hostileTextAt('lone \uD800 high')).toBe('body');
    expect(hostileTextAt({ name: 'Ade 😀 ₦', n: 1, z: null })).toBeNull();
  });

  it('cleans provider text without splitting a pair, and bounds objects', () => {
    expect(cleanText('Ada\u0000 Obi \uD800', 50)).toBe('Ada Obi \uFFFD');
    expect(cleanText('😀😀😀', 2)).toBe('😀😀');
    const deep = cleanJson({ ['k\u0000']: ['\uDFFF', 2, true, null], long: 'x'.repeat(3_000) }) as {
      k: unknown[];
      long: string;
    };
    expect(deep.k).toEqual(['\uFFFD', 2, true, null]);
    expect(deep.long).toHaveLength(2_000);
    expect(hostileTextAt(deep)).toBeNull();
  });
});
