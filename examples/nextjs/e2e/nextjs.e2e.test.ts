import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatMoney, type BalanceResponse } from '../../../packages/core/src/index.ts';
import { chromiumLaunchOptions } from '../../../tooling/chromium.ts';
import { logIn, openWidgetAt, pressLeaving, widgetClosed } from '../../../apps/demo/e2e/widget.ts';
import { installExample } from './installExample.ts';
import { freePort, run, startNext, type NextApp } from './nextApp.ts';

const shots = fileURLToPath(new URL('../../../test-results/nextjs/', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'okra-nextjs-'));
const timings: Record<string, number> = {};
let browser: Browser;

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  Object.assign(timings, await installExample(work));
  browser = await chromium.launch(chromiumLaunchOptions());
});

afterAll(async () => {
  await browser?.close();
  rmSync(work, { recursive: true, force: true });
  writeFileSync(join(shots, 'timings.json'), `${JSON.stringify(timings, null, 2)}\n`);
  console.warn(`examples/nextjs timings (ms): ${JSON.stringify(timings)}`);
});

/** A browser of its own (its own cookie, so its own user) in another time zone than the server's UTC. */
async function newUser(origin: string) {
  const context = await browser.newContext({
    timezoneId: 'Africa/Lagos',
    viewport: { width: 900, height: 760 },
  });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning')
      problems.push(`${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  await page.goto(origin);
  return { context, page, problems };
}

const cards = (page: Page) => page.locator('.ob-balance');
const getJson = <T>(page: Page, path: string) =>
  page.evaluate(async (path) => (await fetch(path)).json(), path) as Promise<T>;

const CRON_SECRET = 'nextjs-cron-secret-0123456789';

// The webpack build also runs as on a function platform: no background worker, so a refresh completes only
// through the page's own requests, and a cron holding the secret may run what is due.
describe.each([
  { bundler: 'turbopack', buildArgs: [], worker: 'on' },
  { bundler: 'webpack', buildArgs: ['--webpack'], worker: 'off' },
])('examples/nextjs built with $bundler, background worker $worker', ({ bundler, buildArgs, worker }) => {
  let app: NextApp;
  const accountIds: string[] = [];
  const labels: string[] = [];

  beforeAll(async () => {
    const env = { NEXT_TELEMETRY_DISABLED: '1', TZ: 'UTC' };
    timings[`build ${bundler}`] = await run('node_modules/.bin/next', ['build', ...buildArgs], {
      cwd: work,
      env: { ...process.env, ...env },
    });
    const started = performance.now();
    app = await startNext(work, {
      ...env,
      SANDBOX_PORT: String(await freePort()),
      SANDBOX_WIDGET_PORT: String(await freePort()),
      BALANCE_DATA_DIR: join(work, `.data-${bundler}`),
      BALANCE_WORKER: worker,
      CRON_SECRET,
    });
    timings[`start ${bundler}`] = Math.round(performance.now() - started);
  });

  afterAll(async () => {
    await app?.stop();
  });

  for (const host of ['127.0.0.1', 'localhost']) {
    it(`on ${host}: server HTML with the button, then link a bank, see balances, refresh`, async () => {
      const started = performance.now();
      const origin = `http://${host}:${app.port}`;
      const html = await (await fetch(origin)).text();
      expect(html).toMatch(/<button[^>]*class="ob-connect[^"]*"[^>]*>Connect a bank<\/button>/);

      const { context, page, problems } = await newUser(origin);
      await page.getByText('No bank linked yet.').waitFor();
      const sandbox = page.getByRole('complementary', { name: 'Sandbox mode' });
      const [username = '', password = ''] = ((await sandbox.locator('code').textContent()) ?? '').split(
        ' / ',
      );
      const frame = await openWidgetAt(page, 'Guaranty Trust Bank');
      await logIn(frame, username, password);
      await pressLeaving(frame, 'Done');
      await widgetClosed(page);
      await cards(page).nth(1).waitFor();
      expect(await cards(page).count()).toBe(2);
      const first = cards(page).first();
      await first.getByText('Available balance').waitFor();
      expect(await first.locator('.ob-balance-ledger dd').textContent()).toMatch(/^₦[\d,]+\.\d{2}$/);
      await page.screenshot({ path: join(shots, `${bundler}-${host}-linked.png`), fullPage: true });

      // Reloaded, the server renders the balances itself (prefetched into the HydrationBoundary) and the
      // browser hydrates them without a mismatch, though its time zone is not the server's.
      const { accounts } = await getJson<{ accounts: { id: string; name: string }[] }>(
        page,
        '/api/balance/accounts',
      );
      const served = await (await context.request.get(origin)).text();
      expect(served).toContain('Available balance');
      expect(served).toContain(accounts[0]?.name ?? 'no account');
      await page.reload();
      await first.getByText('Available balance').waitFor();

      const path = `/api/balance/accounts/${accounts[0]?.id}`;
      const before = await getJson<BalanceResponse>(page, `${path}/balance`);
      await first.getByRole('button', { name: 'Refresh balance' }).click();
      await first.getByText(/Refreshing…/).waitFor();
      await first.getByRole('button', { name: 'Refresh balance' }).waitFor({ timeout: 30_000 });
      const after = await getJson<BalanceResponse>(page, `${path}/balance`);
      expect(after.job?.state).toBe('succeeded');
      expect(Date.parse(after.balance?.asOf ?? '')).toBeGreaterThan(Date.parse(before.balance?.asOf ?? ''));
      expect((await getJson<{ snapshots: unknown[] }>(page, `${path}/history`)).snapshots).toHaveLength(2);
      await expect
        .poll(() => first.locator('.ob-balance-ledger dd').textContent())
        .toBe(formatMoney(after.balance?.ledger ?? NaN, 'NGN'));
      expect(await first.locator('.ob-balance-error').count()).toBe(0);
      await page.screenshot({ path: join(shots, `${bundler}-${host}-refreshed.png`), fullPage: true });

      expect(problems).toEqual([]);
      accountIds.push(...accounts.map((account) => account.id));
      labels.push(...accounts.map((account) => account.name));
      await context.close();
      timings[`drive ${bundler} ${host}`] = Math.round(performance.now() - started);
    });
  }

  it('/api/balance/jobs/run runs due jobs for the cron that holds the secret, and for nobody else', async () => {
    const url = `http://127.0.0.1:${app.port}/api/balance/jobs/run`;
    expect((await fetch(url)).status).toBe(401);
    const reply = await fetch(url, { headers: { authorization: `Bearer ${CRON_SECRET}` } });
    expect(reply.status).toBe(200);
    // Every refresh above settled already: nothing is due.
    expect(await reply.json()).toEqual({ ran: 0, settled: 0, scheduled: 0, nextDueAt: null });
  });

  it('a second browser is a second user: none of the first users’ accounts, in HTML or API', async () => {
    expect(accountIds).toHaveLength(4);
    const origin = `http://127.0.0.1:${app.port}`;
    const { context, page, problems } = await newUser(origin);
    await page.getByText('No bank linked yet.').waitFor();
    expect(await getJson(page, '/api/balance/accounts')).toEqual({ accounts: [] });
    // Checked before asking for the other users' accounts: the browser logs those 404s.
    expect(problems).toEqual([]);
    for (const id of accountIds) {
      const status = await page.evaluate(
        async (id) => (await fetch(`/api/balance/accounts/${id}/balance`)).status,
        id,
      );
      expect(status).toBe(404);
    }
    const html = await (await context.request.get(origin)).text();
    for (const label of labels) expect(html).not.toContain(label);
    await context.close();
  });
});
