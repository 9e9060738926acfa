import type { Plugin } from 'esbuild';
import { chromium, type Browser } from 'playwright';
import { startSandbox } from '@okra-balance/sandbox';
import { chromiumLaunchOptions } from '../../../tooling/chromium.ts';
import { serveFiles } from '../harness/serveFiles.ts';
import { buildWidgetPage } from './buildWidgetPage.ts';

export type OpenMode = 'cold' | 'preloaded';

/** Loopback as it is, or a slow mobile link emulated by Chromium (150 ms round trip, 1.6 Mbit/s down). */
export type OpenNetwork = 'loopback' | 'slow';

const SLOW_NETWORK = {
  offline: false,
  latency: 150,
  downloadThroughput: (1.6 * 1024 * 1024) / 8,
  uploadThroughput: (750 * 1024) / 8,
};

/** One open, in ms from the click: the iframe attached, its load event, the widget's first message. */
export interface OpenTiming {
  mode: OpenMode;
  network: OpenNetwork;
  attachedMs: number;
  loadedMs: number;
  readyMs: number;
}

export interface WidgetOpenResult {
  chromiumVersion: string;
  runs: OpenTiming[];
}

interface Marks {
  click?: number;
  iframe?: number;
  load?: number;
  ready?: number;
}

/**
 * Opens the sandbox widget through `<ConnectBalance>` in headless Chromium, `runs` times per mode, the two
 * modes alternating. Each open is a fresh browser context (empty cache). Cold: the click is the first thing
 * that asks for okra-js. Preloaded: a hover loaded okra-js (and every other lazy chunk it asks for) first, as
 * `<ConnectBalance>` does on hover/focus.
 * The click is dispatched without moving the mouse, so a cold run gets no hover preload.
 *
 * @example
 * const { runs } = await measureWidgetOpen(15, ['loopback', 'slow']);
 */
export async function measureWidgetOpen(
  runs: number,
  networks: readonly OpenNetwork[] = ['loopback'],
  plugins: Plugin[] = [],
): Promise<WidgetOpenResult> {
  const sandbox = await startSandbox({ latencyMs: 50 });
  const page = await buildWidgetPage(
    {
      publicKey: sandbox.credentials.publicKey,
      token: sandbox.credentials.clientToken,
      widgetOrigin: sandbox.widgetOrigin,
    },
    plugins,
  );
  const server = await serveFiles(page.files);
  const browser = await chromium.launch(chromiumLaunchOptions());
  try {
    const timings: OpenTiming[] = [];
    for (let round = 0; round < runs; round += 1) {
      const order: OpenMode[] = round % 2 === 0 ? ['cold', 'preloaded'] : ['preloaded', 'cold'];
      for (const network of networks) {
        for (const mode of order) {
          timings.push(await openOnce(browser, server.origin, page.okraChunkPath, mode, network));
        }
      }
    }
    return { chromiumVersion: browser.version(), runs: timings };
  } finally {
    await browser.close();
    await server.close();
    await sandbox.close();
  }
}

async function openOnce(
  browser: Browser,
  origin: string,
  okraChunk: string,
  mode: OpenMode,
  network: OpenNetwork,
): Promise<OpenTiming> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    if (network === 'slow') {
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.emulateNetworkConditions', SLOW_NETWORK);
    }
    await page.goto(`${origin}/`);
    const button = page.getByRole('button', { name: 'Link your bank account' });
    await button.and(page.locator(':enabled')).waitFor();
    if (mode === 'preloaded') {
      await button.hover();
      await page.waitForLoadState('networkidle');
      // The same URL is the same module record: these resolve once the hover's downloads have evaluated.
      await page.evaluate(async (first) => {
        const chunks = performance
          .getEntriesByType('resource')
          .map((entry) => new URL(entry.name).pathname)
          .filter((path) => path.endsWith('.js'));
        if (!chunks.includes(first)) throw new Error('the hover did not load okra-js');
        await Promise.all(chunks.map((path) => import(path)));
      }, okraChunk);
    } else {
      const requested = await page.evaluate(() =>
        performance.getEntriesByType('resource').some((entry) => entry.name.includes('/okra-js-')),
      );
      if (requested) throw new Error('okra-js was requested before the cold click');
    }
    await button.dispatchEvent('click');
    await page.waitForFunction(() => {
      const marks = (window as unknown as { __marks: Marks }).__marks;
      return marks.ready !== undefined && marks.load !== undefined;
    });
    const marks = await page.evaluate(() => (window as unknown as { __marks: Marks }).__marks);
    const since = (mark: number | undefined) => (mark ?? Number.NaN) - (marks.click ?? Number.NaN);
    return {
      mode,
      network,
      attachedMs: since(marks.iframe),
      loadedMs: since(marks.load),
      readyMs: since(marks.ready),
    };
  } finally {
    await context.close();
  }
}
