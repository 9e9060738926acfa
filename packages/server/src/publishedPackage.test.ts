import { execFile } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const packageDir = fileURLToPath(new URL('..', import.meta.url));
const dist = join(packageDir, 'dist');
const manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
};
const OPTIONAL = ['@electric-sql/pglite', 'pg'];

/**
 * The built package as an app installs it: `dist` and `package.json` in a temp `node_modules`, next to its
 * runtime dependencies and nothing else, so neither PGlite, pg nor @types/pg can be found.
 */
function installWithoutOptionalPeers(): string {
  for (const file of ['index.js', 'index.d.ts']) {
    if (!existsSync(join(dist, file)))
      throw new Error(
        `packages/server/dist/${file} is missing: run \`pnpm build\` (or \`pnpm --filter @okra-balance/core --filter @okra-balance/server build\`) before this test`,
      );
  }
  const app = mkdtempSync(join(tmpdir(), 'okra-server-consumer-'));
  const installed = join(app, 'node_modules', '@okra-balance', 'server');
  mkdirSync(installed, { recursive: true });
  cpSync(dist, join(installed, 'dist'), { recursive: true });
  cpSync(join(packageDir, 'package.json'), join(installed, 'package.json'));
  for (const name of Object.keys(manifest.dependencies)) {
    const target = join(app, 'node_modules', name);
    mkdirSync(dirname(target), { recursive: true });
    // pnpm links each dependency into the package's own node_modules.
    symlinkSync(realpathSync(join(packageDir, 'node_modules', name)), target, 'dir');
  }
  return app;
}

describe('the published package', () => {
  let app: string;
  beforeAll(() => {
    app = installWithoutOptionalPeers();
  });
  afterAll(() => {
    if (app !== undefined) rmSync(app, { recursive: true, force: true });
  });

  it('does not depend on PGlite or pg: they are optional peers', () => {
    for (const name of OPTIONAL) expect(Object.keys(manifest.dependencies)).not.toContain(name);
  });

  it('imports PGlite and pg lazily, in a form bundlers leave alone', () => {
    const js = readFileSync(join(dist, 'index.js'), 'utf8');
    for (const name of OPTIONAL) {
      expect(js).not.toMatch(new RegExp(`^import[^;]*from\\s*["']${name}["']`, 'm'));
      expect(js).toMatch(
        new RegExp(
          `import\\(\\s*/\\* webpackIgnore: true \\*/\\s*/\\* turbopackIgnore: true \\*/\\s*["']${name}["']\\s*\\)`,
        ),
      );
    }
  });

  it('loads without PGlite and pg installed, and says what to install when a store needs one', async () => {
    const script = `
      const server = await import('@okra-balance/server');
      const { defineProvider } = await import('@okra-balance/core');
      const reasons = [];
      for (const attempt of [
        () => server.createPgliteStore(),
        () => server.createPostgresStore({ connectionString: 'postgres://127.0.0.1:9/none' }),
        // Without a store, the route makes an in-memory PGlite.
        () => server.createBalanceRoute({
          provider: defineProvider({ id: 'p', apiBaseUrl: 'http://127.0.0.1:9', widgetOrigin: 'http://127.0.0.1:9' }),
          secretKey: 'sk', publicKey: 'pk', clientToken: 't', env: 'production-sandbox', authenticate: () => null,
        }),
      ]) reasons.push(await attempt().then(() => 'opened', (error) => error.message));
      console.log(JSON.stringify({ exports: Object.keys(server).length, reasons }));
    `;
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], { cwd: app });
    const answer = JSON.parse(stdout) as { exports: number; reasons: string[] };
    expect(answer.exports).toBeGreaterThan(10);
    expect(answer.reasons).toEqual([
      expect.stringContaining('npm install @electric-sql/pglite'),
      expect.stringContaining('npm install pg'),
      expect.stringContaining('npm install @electric-sql/pglite'),
    ]);
  });

  it('type-checks in a strict app without @types/pg or PGlite, libraries checked too', async () => {
    writeFileSync(
      join(app, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          skipLibCheck: false,
          noEmit: true,
          module: 'ESNext',
          moduleResolution: 'Bundler',
          target: 'ES2022',
          lib: ['ES2023', 'DOM'],
          types: [],
        },
        files: ['app.ts'],
      }),
    );
    writeFileSync(
      join(app, 'app.ts'),
      `import { createSqlStore, pgClient, type BalanceRouteOptions } from '@okra-balance/server';
       declare const pool: Parameters<typeof pgClient>[0];
       export const store = createSqlStore(pgClient(pool));
       export const basePath: BalanceRouteOptions['basePath'] = '/api/balance';
      `,
    );
    const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
    const checked = await run(process.execPath, [tsc, '-p', join(app, 'tsconfig.json')], { cwd: app }).then(
      () => 'compiles',
      (error: { stdout: string }) => error.stdout,
    );
    expect(checked).toBe('compiles');
  });
});
