import { cleanup } from '@testing-library/react';
import { afterEach, beforeAll, expect, vi } from 'vitest';
import { page, type FrameLocator } from 'vitest/browser';
import type { WidgetConfig } from '@okra-balance/core';
import type { OkraWidget } from '../OkraWidget.ts';

/** The widget config a server hands out for the test run's sandbox (its keys and origin). */
export function sandboxWidget(sandbox: {
  credentials: { publicKey: string; clientToken: string };
  widgetOrigin: string;
}): Omit<WidgetConfig, 'options' | 'reauth'> {
  return {
    key: sandbox.credentials.publicKey,
    token: sandbox.credentials.clientToken,
    env: 'production-sandbox',
    products: ['auth', 'balance'],
    widgetOrigin: sandbox.widgetOrigin,
  };
}

/** The real okra-js 2.1.1 object, with the methods the tests watch. */
export type RealOkra = OkraWidget & {
  handleEvent(event: MessageEvent): void;
  /** Posts the options into the widget's iframe once the widget says it has loaded. */
  sendObj(options: Record<string, unknown>): void;
};

/**
 * For a browser test file: React without act() (events here are real browser events), the real okra-js
 * imported once, and after each test the render unmounted and spies restored. Read `.okra` inside tests.
 */
export function realOkraInChromium(): { readonly okra: RealOkra } {
  const loaded = { okra: null as unknown as RealOkra };
  beforeAll(async () => {
    (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = false;
    loaded.okra = (await import('okra-js')).default as RealOkra;
  });
  afterEach(() => {
    cleanup();
    vi.restoreAllMocks();
  });
  return loaded;
}

/**
 * The widget iframe, once okra-js has built it, and a locator inside it once the sandbox's page shows its
 * first dialog (the bank list, or a re-authentication's sign-in).
 */
export async function widget(
  firstDialog = 'Choose your bank',
): Promise<{ iframe: HTMLIFrameElement; frame: FrameLocator }> {
  await expect.poll(() => document.querySelectorAll('iframe[id^="okra-iframe-"]').length).toBe(1);
  const iframe = document.querySelector<HTMLIFrameElement>('iframe[id^="okra-iframe-"]')!;
  const frame = page.frameLocator(page.elementLocator(iframe));
  await frame.getByRole('dialog', { name: firstDialog }).hover();
  return { iframe, frame };
}

/** Picks GTBank in the sandbox widget and signs in with `login`. */
export async function logInToGtbank(frame: FrameLocator, login: { username: string; password: string }) {
  await frame.getByRole('button', { name: 'Guaranty Trust Bank' }).click();
  await frame.getByLabelText('Username').fill(login.username);
  await frame.getByLabelText('Password').fill(login.password);
  await frame.getByRole('button', { name: 'Log in', exact: true }).click();
}

/** What okra-js left on the page: its iframe and its overlay. */
export const leftovers = () =>
  document.querySelectorAll('iframe[id^="okra-iframe-"], div[id^="okra-base-"]').length;
