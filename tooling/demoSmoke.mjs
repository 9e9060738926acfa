// The README's first command, checked as a new user runs it: `pnpm demo` straight after `pnpm install`, with
// no build output in the tree. .ci/run calls this before anything builds. It starts the demo on a free port,
// waits for /api/health, loads the page with its scripts and stylesheets, stops it with Ctrl-C (SIGINT) and
// requires exit code 0. Plain JavaScript so that it runs on Node 20 without a TypeScript loader.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const startLimitMs = 180_000;

const built = ['core', 'react', 'server', 'sandbox'].filter((name) =>
  existsSync(join(root, 'packages', name, 'dist')),
);
if (built.length > 0 && !process.argv.includes('--allow-dist')) {
  fail(`packages/{${built.join(',')}}/dist exist: run this on a fresh clone, before anything builds`);
}

const dataDir = mkdtempSync(join(tmpdir(), 'okra-demo-smoke-'));
const child = spawn('pnpm', ['demo'], {
  cwd: root,
  env: { ...process.env, PORT: '0', DEMO_DATA_DIR: dataDir },
  detached: true,
  stdio: ['ignore', 'pipe', 'pipe'],
});
let output = '';
child.stdout.on('data', (chunk) => (output += chunk));
child.stderr.on('data', (chunk) => (output += chunk));
const exited = new Promise((resolve) => child.once('close', (code, signal) => resolve({ code, signal })));

try {
  const url = await demoUrl();
  const health = await fetch(`${url}/api/health`);
  expect(health.ok, `GET /api/health answered ${health.status}`);
  const page = await fetch(url);
  const html = await page.text();
  expect(page.ok && html.includes('<div id="root">'), `GET / answered ${page.status} without the app`);
  const assets = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]);
  expect(
    assets.some((a) => a.endsWith('.js')),
    'the page links no script',
  );
  expect(
    assets.some((a) => a.endsWith('.css')),
    'the page links no stylesheet',
  );
  for (const asset of assets) {
    const reply = await fetch(url + asset);
    const body = await reply.arrayBuffer();
    expect(
      reply.ok && body.byteLength > 0,
      `GET ${asset} answered ${reply.status}, ${body.byteLength} bytes`,
    );
  }
  process.kill(-child.pid, 'SIGINT');
  const { code, signal } = await exited;
  expect(code === 0, `Ctrl-C ended pnpm demo with code ${code}, signal ${signal}`);
  process.stdout.write(`demo smoke: pnpm demo served ${url} (${assets.length} assets) and stopped cleanly\n`);
} catch (error) {
  if (child.exitCode === null) process.kill(-child.pid, 'SIGKILL');
  fail(`${error instanceof Error ? error.message : String(error)}\n--- pnpm demo printed ---\n${output}`);
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}

function demoUrl() {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no URL within ${startLimitMs} ms`)), startLimitMs);
    const watch = () => {
      const match = /okra-balance demo: (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout.on('data', watch);
    void exited.then(({ code }) => {
      clearTimeout(timer);
      reject(new Error(`pnpm demo exited with ${code} before serving`));
    });
  });
}

function expect(condition, message) {
  if (!condition) throw new Error(message);
}

function fail(message) {
  console.error(`demo smoke failed: ${message}`);
  process.exit(1);
}
