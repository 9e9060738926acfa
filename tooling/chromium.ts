import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

/**
 * Chromium flags for a closed network: without the background-networking ones Chromium floods the machine's
 * refused connections at every start.
 */
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

const systemPaths = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

/**
 * The one place that finds a Chromium: `CHROMIUM_PATH`, then the system binary, then a browser Playwright
 * downloaded itself. Throws an error that says how to get one.
 */
export function chromiumPath(): string {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv !== undefined && fromEnv !== '') {
    if (existsSync(fromEnv)) return fromEnv;
    throw new Error(
      `CHROMIUM_PATH is set to ${fromEnv}, but no file is there. Point it at a Chromium binary.`,
    );
  }
  const system = systemPaths.find((path) => existsSync(path));
  if (system !== undefined) return system;
  const playwrights = playwrightChromium();
  if (playwrights !== null) return playwrights;
  throw new Error(
    'No Chromium found for the browser tests. Install one (Debian/Ubuntu: `sudo apt-get install -y chromium`), ' +
      'or set CHROMIUM_PATH to a Chromium or Chrome binary.',
  );
}

function playwrightChromium(): string | null {
  try {
    const require = createRequire(import.meta.url);
    const { chromium } = require('playwright') as { chromium: { executablePath(): string } };
    const path = chromium.executablePath();
    return existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

/** Launch options for Playwright and Vitest's Playwright provider. */
export function chromiumLaunchOptions(): { executablePath: string; args: string[]; headless: boolean } {
  return { executablePath: chromiumPath(), args: chromiumArgs, headless: true };
}
