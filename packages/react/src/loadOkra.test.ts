import { describe, expect, it, vi } from 'vitest';
import { ConnectBalanceError } from './ConnectBalanceError.ts';
import { createOkraLoader } from './loadOkra.ts';

const imports = vi.hoisted(() => ({ count: 0 }));
vi.mock('okra-js', () => {
  imports.count += 1;
  return { default: { buildWithOptions: () => undefined, forceClose: () => undefined, baseUrl: '' } };
});

describe('loadOkra in a browser', () => {
  it('imports okra-js lazily: nothing on import of the package, once on preload, shared after', async () => {
    const { loadOkra, preloadOkra } = await import('./index.ts');
    expect(imports.count).toBe(0);
    preloadOkra();
    const okra = await loadOkra();
    expect(typeof okra?.buildWithOptions).toBe('function');
    expect(await loadOkra()).toBe(okra);
    expect(imports.count).toBe(1);
  });
});

const fakeOkra = { buildWithOptions: () => undefined, forceClose: () => undefined, baseUrl: '' };

describe('createOkraLoader', () => {
  it('imports once, however many callers ask at once or later', async () => {
    const importer = vi.fn(() => Promise.resolve({ default: fakeOkra }));
    const load = createOkraLoader(importer);
    const [a, b] = await Promise.all([load(), load()]);
    expect(await load()).toBe(a);
    expect(a).toBe(fakeOkra);
    expect(b).toBe(fakeOkra);
    expect(importer).toHaveBeenCalledTimes(1);
  });

  it('forgets a failed import so the next call retries, and types the failure', async () => {
    const importer = vi
      .fn<() => Promise<unknown>>()
      .mockRejectedValueOnce(new TypeError('Failed to fetch dynamically imported module'))
      .mockResolvedValueOnce(fakeOkra);
    const load = createOkraLoader(importer);
    const failure = await load().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ConnectBalanceError);
    expect((failure as ConnectBalanceError).code).toBe('load_failed');
    expect((failure as ConnectBalanceError).cause).toBeInstanceOf(TypeError);
    expect(await load()).toBe(fakeOkra);
    expect(importer).toHaveBeenCalledTimes(2);
  });

  it('rejects a module that is not okra-js', async () => {
    const load = createOkraLoader(() => Promise.resolve({ default: {} }));
    await expect(load()).rejects.toMatchObject({ code: 'load_failed' });
  });
});
