import { expect } from 'vitest';
import { page, type FrameLocator } from 'vitest/browser';

/** The widget iframe, once okra-js has built it, and a locator inside it once the sandbox's page is up. */
export async function widget(): Promise<{ iframe: HTMLIFrameElement; frame: FrameLocator }> {
  await expect.poll(() => document.querySelectorAll('iframe[id^="okra-iframe-"]').length).toBe(1);
  const iframe = document.querySelector<HTMLIFrameElement>('iframe[id^="okra-iframe-"]')!;
  const frame = page.frameLocator(page.elementLocator(iframe));
  await frame.getByRole('dialog', { name: 'Choose your bank' }).hover();
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
