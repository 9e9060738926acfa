import { describe, expect, it, vi } from 'vitest';

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
