import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Locator, type Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  AccountsResponse,
  HistoryResponse,
  LinkedAccount,
  RefreshJobResponse,
} from '@okra-balance/core';
import { chromiumLaunchOptions } from '../../../tooling/chromium.ts';
import { startDemoProcess, type DemoProcess } from './demoProcess.ts';
import { logIn, openWidgetAt, pressLeaving, reauthenticate, widgetClosed, widgetFrame } from './widget.ts';

// A week in a minute: an hour lasts 357 ms, so the route's 6-hourly schedule refreshes every ~2 s.
const TIME_SCALE = '10080';
const shots = fileURLToPath(new URL('../../../test-results/e2e/', import.meta.url));
const dataDir = mkdtempSync(join(tmpdir(), 'okra-demo-life-'));
let demo: DemoProcess;
let browser: Browser;
let page: Page;
let login: { username: string; password: string };

const shot = (name: string, target: Page | Locator = page) =>
  target.screenshot({ path: join(shots, `life-${name}.png`) });
const cards = () => page.locator('.demo-card');
const accounts = async () =>
  ((await page.evaluate(async () => (await fetch('/api/accounts')).json())) as AccountsResponse).accounts;
const history = (id: string) =>
  page.evaluate(
    async (path) => (await fetch(path)).json(),
    `/api/accounts/${id}/history?limit=1000`,
  ) as Promise<HistoryResponse>;

/** Waits until `check` holds, asking again every 200 ms: the demo's own clock moves things on. */
async function until<T>(read: () => Promise<T>, check: (value: T) => boolean, what: string, ms = 30_000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (check(value)) return value;
    if (Date.now() > deadline) throw new Error(`${what}: still ${JSON.stringify(value).slice(0, 400)}`);
    await page.waitForTimeout(200);
  }
}

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  demo = await startDemoProcess(dataDir, { env: { DEMO_TIME_SCALE: TIME_SCALE } });
  const printed = /sandbox widget login: (\S+) \/ (\S+)/.exec(demo.output());
  if (!printed?.[1] || !printed[2]) throw new Error(`no sandbox login printed:\n${demo.output()}`);
  login = { username: printed[1], password: printed[2] };
  browser = await chromium.launch(chromiumLaunchOptions());
  page = await browser.newPage({ viewport: { width: 1100, height: 1000 } });
  await page.goto(demo.url);
});

afterAll(async () => {
  await browser?.close();
  await demo?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the life of a link in the demo, in fast time', () => {
  let first: LinkedAccount;
  let second: LinkedAccount;
  let keptSnapshotId: string;

  it('says it runs in fast time, and links a bank', async () => {
    expect(demo.output()).toMatch(/fast time: ×10080, an hour lasts 357 ms/);
    await page.getByText('Fast time:').waitFor();
    expect(await page.getByRole('complementary', { name: 'Sandbox mode' }).textContent()).toMatch(
      /an hour lasts 357 ms, so a week of refreshes passes in 60\.0 s/,
    );
    const frame = await openWidgetAt(page, 'Guaranty Trust Bank');
    await logIn(frame, login.username, login.password);
    await pressLeaving(frame, 'Done');
    await widgetClosed(page);
    await cards().nth(1).waitFor();
    [first, second] = (await accounts()) as [LinkedAccount, LinkedAccount];
    expect(first.schedule).toMatchObject({ everyHours: 6, source: 'route' });
  });

  it('turns one account’s schedule off, while the other’s keeps adding balances on its own', async () => {
    const card = cards().nth(1);
    await card.getByText('Drive this link (sandbox)').click();
    await card.getByLabel('Refreshes on its own').selectOption('off');
    await until(
      async () => (await accounts()).find((account) => account.id === second.id)?.schedule,
      (schedule) =>
        schedule?.source === 'account' && schedule.everyHours === null && schedule.nextAt === null,
      'the second account’s schedule',
    );
    await card.getByText('Refreshes every 6 h.').waitFor({ state: 'detached' });
    const secondBefore = (await history(second.id)).snapshots.length;
    const firstBefore = (await history(first.id)).snapshots.length;
    // Three scheduled refreshes of the first account: at least a whole schedule interval went by.
    await until(
      async () => (await history(first.id)).snapshots.length,
      (count) => count >= firstBefore + 3,
      'the first account’s scheduled balances',
    );
    expect((await history(second.id)).snapshots.length).toBe(secondBefore);
  });

  it('charts the history over a chosen range, with the exact figures in a tooltip and a table', async () => {
    const card = cards().first();
    await card.getByRole('button', { name: /^History/ }).click();
    const range = card.getByRole('group', { name: 'History range' });
    expect(await range.getByRole('button', { name: 'Week' }).getAttribute('aria-pressed')).toBe('true');
    await range.getByRole('button', { name: 'Month' }).click();
    expect(await range.getByRole('button', { name: 'Month' }).getAttribute('aria-pressed')).toBe('true');
    const chart = card.getByRole('img', { name: /^Balance history, \d+ points, in NGN$/ });
    await chart.waitFor();
    await card.locator('.recharts-line-dots circle').first().waitFor();
    const rows = await card.locator('table tbody tr').count();
    expect(rows).toBeGreaterThanOrEqual(4);
    expect(await chart.getAttribute('aria-label')).toContain(`${rows} points`);
    // A point's tooltip says its exact time and amounts, as the table's row for that time does.
    await card.locator('.recharts-line-dots').first().locator('circle').nth(1).hover({ force: true });
    const tooltip = card.locator('.demo-tooltip');
    await tooltip.waitFor();
    const time = (await tooltip.locator('.demo-tooltip-time').textContent()) ?? '';
    const row = card
      .locator('table tbody tr')
      .filter({ has: page.getByRole('cell', { name: time, exact: true }) });
    const [, available, ledger] = await row.locator('td').allTextContents();
    expect(ledger).toMatch(/^₦[\d,]+\.\d{2}$/);
    expect(await tooltip.textContent()).toBe(`${time}Available${available}Ledger${ledger}`);
    keptSnapshotId = (await history(first.id)).snapshots.at(-1)!.id;
  });

  it('expires the link at the bank: the card asks to reconnect, and the chart shows the outage', async () => {
    const card = cards().first();
    await card.getByText('Drive this link (sandbox)').click();
    await card.getByLabel('At the bank').selectOption('token_required');
    await card.getByRole('button', { name: 'Expire this link' }).click();
    // The next scheduled refresh meets the expired link.
    await card.getByRole('button', { name: 'Reconnect' }).waitFor({ timeout: 30_000 });
    expect(await card.textContent()).toMatch(/one-time code/);
    expect(await card.getByRole('button', { name: 'Refresh balance' }).count()).toBe(0);
    await card.getByRole('img', { name: /link broken once$/ }).waitFor();
    expect(await card.locator('.recharts-reference-area').count()).toBe(1);
    expect(await card.locator('table').textContent()).toMatch(/Link broken, no balance since then/);
    const { outages } = await history(first.id);
    expect(outages).toEqual([expect.objectContaining({ to: null, reason: 'token_required' })]);
    await shot('reconnect-card', card);
  });

  it('reconnects through the widget’s re-authentication screen, and the same card keeps its history', async () => {
    const card = cards().first();
    await card.getByRole('button', { name: 'Reconnect' }).click();
    const frame = widgetFrame(page);
    await frame.getByText(/Sign in to Guaranty Trust Bank again/).waitFor();
    const otp = (await frame.locator('#hint-otp-code').textContent()) ?? '';
    await reauthenticate(frame, { ...login, otp });
    await pressLeaving(frame, 'Done');
    await widgetClosed(page);
    await card.getByRole('button', { name: 'Refresh balance' }).waitFor();
    const after = await accounts();
    expect(after.map((account) => account.id).sort()).toEqual([first.id, second.id].sort());
    expect(after.find((account) => account.id === first.id)?.health).toEqual({ state: 'ok' });
    const reply = await history(first.id);
    expect(reply.snapshots.map((snapshot) => snapshot.id)).toContain(keptSnapshotId);
    expect(reply.outages).toEqual([
      expect.objectContaining({ reason: 'token_required', to: expect.any(String) }),
    ]);
    // Balances arrive after the outage again: the line picks up on the far side of the band.
    const ended = Date.parse(reply.outages[0]!.to!);
    await until(
      () => history(first.id),
      (latest) => latest.snapshots.filter((snapshot) => Date.parse(snapshot.recordedAt) > ended).length >= 2,
      'balances after the reconnect',
    );
    await card.getByRole('button', { name: 'Day' }).click();
    await card.getByText('Link broken', { exact: true }).first().waitFor();
    await page.waitForTimeout(1_000); // one more scheduled point on screen, for the picture only
    await shot('chart-with-gap', card);
  });

  it('refreshes on a click after the reconnect', async () => {
    const card = cards().first();
    const asked = page.waitForResponse(
      (response) =>
        response.url().endsWith(`/api/accounts/${first.id}/refresh`) &&
        response.request().method() === 'POST',
    );
    await card.getByRole('button', { name: 'Refresh balance' }).click();
    const started = (await (await asked).json()) as RefreshJobResponse;
    const settled = await until(
      () =>
        page.evaluate(
          async (path) => (await fetch(path)).json(),
          `/api/accounts/${first.id}/refresh/${started.job.id}`,
        ) as Promise<RefreshJobResponse>,
      (reply) => ['succeeded', 'failed'].includes(reply.job.state),
      'the refresh job',
    );
    expect(settled.job.state).toBe('succeeded');
    expect(await card.locator('.ob-balance-error').count()).toBe(0);
    await shot('after-refresh');
  });
});
