import { describe, expect, it } from 'vitest';
import { isOnOrigin, originOf } from './origin.ts';

describe('isOnOrigin', () => {
  it('accepts a URL on exactly the origin', () => {
    expect(isOnOrigin('https://api.okra.ng/v2/callback?record=1', 'https://api.okra.ng')).toBe(true);
    expect(isOnOrigin('https://api.okra.ng/v2/callback', 'https://api.okra.ng/v2')).toBe(true);
  });

  it('refuses a look-alike host that merely starts with the origin', () => {
    expect(isOnOrigin('https://api.okra.ng.evil.example/v2/callback', 'https://api.okra.ng')).toBe(false);
    expect(isOnOrigin('https://api.okra.ng@evil.example/v2/callback', 'https://api.okra.ng')).toBe(false);
  });

  it('refuses a port that extends the expected one', () => {
    expect(isOnOrigin('http://127.0.0.1:51740/', 'http://127.0.0.1:5174')).toBe(false);
    expect(isOnOrigin('http://127.0.0.1:5174/', 'http://127.0.0.1:5174')).toBe(true);
  });

  it('refuses a downgrade from https to http', () => {
    expect(isOnOrigin('http://api.okra.ng/v2/callback', 'https://api.okra.ng')).toBe(false);
  });

  it('treats default ports as the same origin', () => {
    expect(isOnOrigin('https://api.okra.ng:443/v2', 'https://api.okra.ng')).toBe(true);
  });

  it('refuses what is not an absolute URL, and opaque origins', () => {
    expect(isOnOrigin('/v2/callback', 'https://api.okra.ng')).toBe(false);
    expect(isOnOrigin('data:text/plain,hi', 'https://api.okra.ng')).toBe(false);
    expect(isOnOrigin('https://api.okra.ng/v2', 'nonsense')).toBe(false);
  });
});

describe('originOf', () => {
  it('refuses blob: URLs and URLs with a user name or password, though their origin matches', () => {
    expect(isOnOrigin('blob:https://api.okra.ng/0b9e-uuid', 'https://api.okra.ng')).toBe(false);
    expect(isOnOrigin('https://user:pw@api.okra.ng/v2/callback', 'https://api.okra.ng')).toBe(false);
    expect(isOnOrigin('https://api.okra.ng@api.okra.ng/v2/callback', 'https://api.okra.ng')).toBe(false);
    expect(isOnOrigin('ftp://api.okra.ng/v2', 'ftp://api.okra.ng')).toBe(false);
  });

  it('gives the origin, or null', () => {
    expect(originOf('http://127.0.0.1:4011/widget?x=1')).toBe('http://127.0.0.1:4011');
    expect(originOf('about:blank')).toBeNull();
    expect(originOf('nope')).toBeNull();
  });
});
