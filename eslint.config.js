import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/node_modules/**',
      'storybook-static/**',
      'coverage/**',
      '**/.data/**',
      'test-results/**',
      'examples/nextjs/.next/**',
      'examples/nextjs/.packed/**',
      'examples/nextjs/next-env.d.ts',
      '!.storybook',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { project: ['./tsconfig.json'], tsconfigRootDir: import.meta.dirname },
    },
  },
  // In tests only: Vitest's asymmetric matchers (`expect.any(String)`) and `response.json()` are typed `any` by
  // their own declarations, so these three would flag every `toMatchObject`. Promise rules stay on.
  {
    files: ['**/*.test.{ts,tsx}', '**/e2e/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  // Outside the root TypeScript project (the Next.js example builds with its own): lint without types.
  {
    files: ['**/*.{js,mjs}', '.storybook/**', 'examples/nextjs/{app,lib}/**', 'examples/nextjs/*.ts'],
    extends: [tseslint.configs.disableTypeChecked],
  },
  {
    files: ['**/*.{ts,tsx,js,mjs}'],
    languageOptions: {
      globals: { ...globals.browser, ...globals.node },
    },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'react-hooks/exhaustive-deps': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  // The layers point one way (ARCHITECTURE.md says why). Packages: core imports no other package, React or
  // Node; the sandbox no implementation of the server or the React package; those two not each other.
  restrict(
    ['packages/core/src/**'],
    ['@okra-balance/*', 'react', 'react-dom', 'node:*'],
    'core is shared by every side',
  ),
  restrict(
    ['packages/sandbox/src/**'],
    ['@okra-balance/server', '@okra-balance/react'],
    'the sandbox is the independent party in their tests',
  ),
  restrict(
    ['packages/react/src/**'],
    ['@okra-balance/server', '@okra-balance/sandbox'],
    'the browser package talks to the route over HTTP only',
  ),
  restrict(
    ['packages/server/src/**'],
    ['@okra-balance/react'],
    'the server never imports the browser package',
  ),
  // Inside the server: http → linking, jobs → provider, store.
  restrict(
    ['packages/server/src/{provider,store}/**'],
    ['../http/*', '../linking/*', '../jobs/*'],
    'provider and store are the bottom layer',
  ),
  restrict(['packages/server/src/{linking,jobs}/**'], ['../http/*'], 'linking and jobs know nothing of HTTP'),
);

/** An error for imports of `banned` from `files` (tests may reach across, to set things up). */
function restrict(files, banned, why) {
  return {
    files,
    ignores: ['**/*.test.ts', '**/*.test.tsx', '**/*.stories.tsx', '**/testing/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: banned, message: `Layering: ${why}.` }] }],
    },
  };
}
