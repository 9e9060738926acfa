import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright';
import { startSandbox } from '@okra-balance/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumLaunchOptions } from '../../../tooling/chromium.ts';
import { startDemoProcess, type DemoProcess } from './demoProcess.ts';
import { logIn, openWidgetAt, pressLeaving, widgetClosed, widgetFrame } from './widget.ts';

const shots = fileURLToPath(new URL('../../../test-results/e2e/', import.meta.url));
const dataDir = mkdtempSync(join(tmpdir(), 'okra-demo-e2e-'));
let demo: DemoProcess;
let browser: Browser;
let secretKey: string;
let login: { username: string; password: string };
/** Text of every response the demo served to any page in this run: HTML, JS, CSS and API JSON. */
const served: { url: string; body: string }[] = [];

async function newUser(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1100, height: 760 } });
  const page = await context.newPage();
  page.on('response', async (response) => {
    if (!response.url().startsWith(demo.url)) return;
    const body = await response.text().catch(() => '');
    served.push({ url: response.url(), body });
  });
  await page.goto(demo.url);
  return { context, page };
}

const shot = (page: Page, name: string) =>
  page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
const cards = (page: Page) => page.locator('.demo-card');
const apiStatus = (page: Page, path: string, method = 'GET') =>
  page.evaluate(
    async ({ path, method }) =>
      (await fetch(path, { method, headers: { 'content-type': 'application/json' } })).status,
    { path, method },
  );

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  // The demo's sandbox derives its keys from seed 1: learn the secret key the same way, to look for it.
  const twin = await startSandbox({ port: 0, widgetPort: 0, seed: 1 });
  secretKey = twin.credentials.secretKey;
  await twin.close();
  demo = await startDemoProcess(dataDir);
  const printed = /sandbox widget login: (\S+) \/ (\S+)/.exec(demo.output());
  if (!printed?.[1] || !printed[2])
    throw new Error(`the demo did not print the sandbox login:\n${demo.output()}`);
  login = { username: printed[1], password: printed[2] };
  browser = await chromium.launch(chromiumLaunchOptions());
});

afterAll(async () => {
  await browser?.close();
  await demo?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the demo, end to end in Chromium', () => {
  let userA: Page;
  let accountIds: string[] = [];

  it('opens in sandbox mode with the widget login on the page', async () => {
    userA = (await newUser()).page;
    await userA.getByText('Sandbox mode.').waitFor();
    expect(await userA.getByRole('complementary', { name: 'Sandbox mode' }).textContent()).toContain(
      `${login.username} / ${login.password}`,
    );
    await userA.getByText('No bank linked yet.').waitFor();
    await shot(userA, '1-empty');
  });

  it('links a bank through the real widget and shows its accounts with both balances', async () => {
    const frame = await openWidgetAt(userA, 'Guaranty Trust Bank');
    await shot(userA, '2-widget');
    await logIn(frame, login.username, login.password);
    await pressLeaving(frame, 'Done');
    await widgetClosed(userA);
    await cards(userA).nth(1).waitFor();
    expect(await cards(userA).count()).toBe(2);
    const first = cards(userA).first();
    await first.getByText('Available balance').waitFor();
    expect(await first.textContent()).toMatch(/Guaranty Trust Bank · \*{6}\d{4}/);
    expect(await first.locator('.ob-balance-ledger dd').textContent()).toMatch(/^₦[\d,]+\.\d{2}$/);
    const reply = await userA.evaluate(async () => (await fetch('/api/accounts')).json());
    accountIds = (reply as { accounts: { id: string }[] }).accounts.map((account) => account.id);
    expect(accountIds).toHaveLength(2);
    await shot(userA, '3-linked');
  });

  it('refreshes with visible progress, then shows the new balance and a longer history', async () => {
    const first = cards(userA).first();
    await first.getByRole('button', { name: 'History (1)' }).waitFor();
    await first.getByRole('button', { name: 'Refresh balance' }).click();
    await first.getByRole('list', { name: 'Refresh progress' }).waitFor();
    expect(await first.getByText(/Refreshing…/).count()).toBe(1);
    await shot(userA, '4-refreshing');
    await first.getByRole('button', { name: 'History (2)' }).waitFor({ timeout: 30_000 });
    await first.getByRole('button', { name: 'Refresh balance' }).waitFor();
    expect(await first.getByRole('list', { name: 'Refresh progress' }).count()).toBe(0);
    await first.getByRole('button', { name: 'History (2)' }).click();
    await first.getByRole('img', { name: /Balance history, 2 points, in NGN/ }).waitFor();
    await shot(userA, '5-history');
  });

  it('shows the widget’s error after three wrong passwords, and links nothing', async () => {
    const { page, context } = await newUser();
    const frame = await openWidgetAt(page, 'Zenith Bank');
    for (let attempt = 1; attempt <= 3; attempt += 1) await logIn(frame, login.username, `wrong-${attempt}`);
    await page.locator('.ob-connect-error').waitFor();
    expect(await page.locator('.ob-connect-error').textContent()).not.toBe('');
    await shot(page, '6-widget-error');
    const reply = await page.evaluate(async () => (await fetch('/api/accounts')).json());
    expect(reply).toEqual({ accounts: [] });
    await context.close();
  });

  it('closing the widget links nothing', async () => {
    const { page, context } = await newUser();
    const frame = await openWidgetAt(page, 'Access Bank');
    await pressLeaving(frame, 'Close');
    await widgetClosed(page);
    await page.getByText('No bank linked yet.').waitFor();
    expect(await page.evaluate(async () => (await fetch('/api/accounts')).json())).toEqual({ accounts: [] });
    expect(await widgetFrame(page).locator('body').count()).toBe(0);
    await context.close();
  });

  it('another browser is another user: it sees none of the accounts and gets 404 on their ids', async () => {
    const { page, context } = await newUser();
    await page.getByText('No bank linked yet.').waitFor();
    for (const id of accountIds) {
      expect(await apiStatus(page, `/api/accounts/${id}/balance`)).toBe(404);
      expect(await apiStatus(page, `/api/accounts/${id}/history`)).toBe(404);
      expect(await apiStatus(page, `/api/accounts/${id}/refresh`, 'POST')).toBe(404);
      expect(await apiStatus(page, `/api/accounts/${id}`, 'DELETE')).toBe(404);
    }
    expect(await cards(userA).count()).toBe(2);
    await context.close();
  });

  it('never serves the secret key in HTML, JS, CSS or API responses', () => {
    const html = served.filter((entry) => entry.url === `${demo.url}/`);
    const scripts = served.filter((entry) => entry.url.endsWith('.js'));
    const api = served.filter((entry) => entry.url.includes('/api/'));
    expect(html.length).toBeGreaterThan(0);
    expect(scripts.length).toBeGreaterThan(0);
    expect(api.length).toBeGreaterThan(5);
    expect(secretKey.length).toBeGreaterThan(10);
    expect(served.filter((entry) => entry.body.includes(secretKey)).map((entry) => entry.url)).toEqual([]);
  });

  it('keeps the accounts and balances across a restart, and still refreshes them', async () => {
    const before = await cards(userA).first().locator('.ob-balance-figures').textContent();
    const oldUrl = demo.url;
    const stopped = await demo.stop();
    expect(stopped).toEqual({ code: 0, signal: null });
    expect(demo.output()).toContain('SIGINT: stopping the demo');
    expect(demo.output()).not.toMatch(/Error|failed/);
    await expect(fetch(oldUrl)).rejects.toThrow();
    demo = await startDemoProcess(dataDir);
    await userA.goto(demo.url);
    await cards(userA).nth(1).waitFor();
    expect(await cards(userA).count()).toBe(2);
    expect(await cards(userA).first().locator('.ob-balance-figures').textContent()).toBe(before);
    // The first account was refreshed under a minute ago: the server would join that job (one upstream
    // refresh per window). The second was not, so its refresh reaches the restarted sandbox.
    const second = cards(userA).nth(1);
    await second.getByRole('button', { name: 'Refresh balance' }).click();
    await second.getByRole('button', { name: 'History (2)' }).waitFor({ timeout: 30_000 });
    expect(await second.locator('.ob-balance-error').count()).toBe(0);
    await shot(userA, '7-after-restart');
  });
});
