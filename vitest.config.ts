import './tooling/node20.ts';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { storybookTest } from '@storybook/addon-vitest/vitest-plugin';
import { playwright } from '@vitest/browser-playwright';
import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';
import { chromiumLaunchOptions } from './tooling/chromium.ts';
import { workspaceAliases } from './tooling/aliases.ts';
import type * as liveRoute from './tooling/vitest/liveRoute.ts';

const root = fileURLToPath(new URL('.', import.meta.url));

// Chromium is looked up only when a browser project may run, so `vitest --project node` works without it.
const requestedProjects = process.argv.flatMap((arg, i, all) =>
  arg === '--project'
    ? [all[i + 1] ?? '']
    : arg.startsWith('--project=')
      ? [arg.slice('--project='.length)]
      : [],
);
const wantsBrowser =
  requestedProjects.length === 0 ||
  requestedProjects.some((name) => !/^(unit|unit-react18|unit-query-min|node|e2e)$/.test(name));

function browser() {
  return {
    enabled: true,
    headless: true,
    provider: playwright({ launchOptions: wantsBrowser ? chromiumLaunchOptions() : {} }),
    instances: [{ browser: 'chromium' as const }],
  };
}

const shared = { resolve: { alias: workspaceAliases(root) } };

const liveRouteModule = `${root}tooling/vitest/liveRoute.ts`;
type LiveRouteModule = typeof liveRoute;

const reactPackages = `${root}packages/react/node_modules`;
const react18Aliases = [
  { find: /^react$/, replacement: `${reactPackages}/react-18` },
  { find: /^react\/(.*)$/, replacement: `${reactPackages}/react-18/$1` },
  { find: /^react-dom$/, replacement: `${reactPackages}/react-dom-18` },
  { find: /^react-dom\/(.*)$/, replacement: `${reactPackages}/react-dom-18/$1` },
];
// Processed by Vite (so the aliases apply inside them) instead of loaded by Node as they are.
const react18Inlined = ['@testing-library/react', '@tanstack/react-query'];

const projects: TestProjectInlineConfiguration[] = [
  {
    ...shared,
    plugins: [react()],
    test: {
      name: 'unit',
      environment: 'jsdom',
      include: ['packages/react/src/**/*.test.{ts,tsx}', 'apps/*/src/**/*.test.{ts,tsx}'],
      exclude: ['**/*.browser.test.*', '**/*.node.test.*', '**/node_modules/**'],
      typecheck: {
        enabled: true,
        include: ['packages/*/src/**/*.test-d.{ts,tsx}'],
        tsconfig: './tsconfig.json',
      },
    },
  },
  {
    // The same jsdom tests on React 18: `react` and `react-dom` (and their subpaths) point at the 18 copies,
    // for our code, for the libraries Vite inlines, and (react18Require.ts) for react-dom's own require().
    resolve: { alias: [...react18Aliases, ...shared.resolve.alias] },
    plugins: [react()],
    test: {
      name: 'unit-react18',
      environment: 'jsdom',
      include: ['packages/react/src/**/*.test.{ts,tsx}'],
      exclude: ['**/*.browser.test.*', '**/*.node.test.*', '**/node_modules/**'],
      server: { deps: { inline: react18Inlined } },
      setupFiles: ['packages/react/src/testing/react18Require.ts'],
    },
  },
  {
    // The same jsdom tests on the LOWEST @tanstack/react-query the peer range allows (the aliased
    // `@tanstack/react-query-min` devDependency, which brings its own matching @tanstack/query-core), so
    // the range in packages/react/package.json stays true.
    resolve: {
      alias: [
        {
          find: /^@tanstack\/react-query(\/.*)?$/,
          replacement: `${reactPackages}/@tanstack/react-query-min$1`,
        },
        ...shared.resolve.alias,
      ],
    },
    plugins: [react()],
    test: {
      name: 'unit-query-min',
      environment: 'jsdom',
      include: ['packages/react/src/**/*.test.{ts,tsx}'],
      exclude: ['**/*.browser.test.*', '**/*.node.test.*', '**/node_modules/**'],
    },
  },
  {
    ...shared,
    test: {
      name: 'node',
      environment: 'node',
      include: [
        'packages/{core,server,sandbox}/src/**/*.test.ts',
        'packages/*/src/**/*.node.test.ts',
        'apps/*/server/**/*.test.ts',
        'bench/**/*.test.ts',
        'tooling/**/*.test.ts',
      ],
      exclude: ['**/*.browser.test.*', '**/node_modules/**'],
      globalSetup: ['tooling/vitest/postgresSetup.ts'],
      testTimeout: 30_000,
      hookTimeout: 30_000,
    },
  },
  {
    ...shared,
    plugins: [react()],
    test: {
      name: 'browser',
      include: ['packages/*/src/**/*.browser.test.{ts,tsx}'],
      globalSetup: ['tooling/vitest/sandboxSetup.ts', 'tooling/vitest/forgerSetup.ts'],
      browser: {
        ...browser(),
        // A real route for the page to call, started in Node (through Vite, so the workspace aliases apply).
        commands: {
          startLiveRoute: async ({ project }, origin: string) =>
            (await project.import<LiveRouteModule>(liveRouteModule)).startLiveRoute(origin),
          stopLiveRoute: async ({ project }, url: string) =>
            (await project.import<LiveRouteModule>(liveRouteModule)).stopLiveRoute(url),
        },
      },
      testTimeout: 30_000,
    },
  },
  {
    ...shared,
    plugins: [storybookTest({ configDir: `${root}.storybook` })],
    test: {
      name: 'storybook',
      browser: browser(),
    },
  },
  {
    ...shared,
    test: {
      // The demo as a user runs it (`pnpm demo`), driven by Playwright in Chromium.
      name: 'e2e',
      environment: 'node',
      include: ['apps/*/e2e/**/*.e2e.test.ts'],
      testTimeout: 60_000,
      hookTimeout: 180_000,
    },
  },
  {
    test: {
      // examples/nextjs as a user installs it: packed tarballs, npm ci, next build (Turbopack and webpack),
      // next start, driven in Chromium.
      name: 'nextjs',
      environment: 'node',
      include: ['examples/nextjs/e2e/**/*.e2e.test.ts'],
      testTimeout: 120_000,
      hookTimeout: 300_000,
    },
  },
];

export default defineConfig({
  test: {
    projects,
    reporters: ['default', './tooling/summaryReporter.ts'],
    // Two cores: keep parallelism modest so browser and database tests do not starve each other.
    maxWorkers: 2,
  },
});
