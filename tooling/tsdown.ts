import { defineConfig, type UserConfig } from 'tsdown';

/**
 * One build for every published package: ESM, declarations, a clean dist. A package passes only what
 * differs (its entries, the platform, or bundling extras).
 */
export function packageBuild(overrides: UserConfig = {}): UserConfig {
  return defineConfig({
    entry: ['src/index.ts'],
    format: 'esm',
    platform: 'neutral',
    dts: true,
    clean: true,
    ...overrides,
  });
}
