import type { FrameLocator, Page } from 'playwright';

/** The sandbox widget inside okra-js's iframe. */
export function widgetFrame(page: Page): FrameLocator {
  return page.frameLocator('iframe[id^="okra-iframe-"]');
}

/** Clicks "Connect a bank" and picks a bank in the widget. */
export async function openWidgetAt(page: Page, bank: string): Promise<FrameLocator> {
  await page.getByRole('button', { name: 'Connect a bank' }).click();
  const frame = widgetFrame(page);
  await frame.getByRole('button', { name: bank }).click();
  return frame;
}

export async function logIn(frame: FrameLocator, username: string, password: string): Promise<void> {
  await frame.getByLabel('Username', { exact: true }).fill(username);
  await frame.getByLabel('Password', { exact: true }).fill(password);
  await frame.getByRole('button', { name: 'Log in', exact: true }).click();
}

/**
 * Signs in again on the widget's re-authentication screen (opened by Reconnect): the login, and the one-time
 * password when the bank asks for one.
 */
export async function reauthenticate(
  frame: FrameLocator,
  login: { username: string; password: string; otp?: string },
): Promise<void> {
  await frame.getByLabel('Username', { exact: true }).fill(login.username);
  await frame.getByLabel('Password', { exact: true }).fill(login.password);
  if (login.otp !== undefined) await frame.getByLabel('One-time password').fill(login.otp);
  await frame.getByRole('button', { name: 'Reconnect', exact: true }).click();
}

/**
 * Presses a widget button that makes the widget leave the page ("Done", "Close") with a dispatched click.
 * Playwright's own click waits for what the click set going in its frame, and can wait for good when that
 * frame is the one the click removed (seen on a loaded machine).
 */
export async function pressLeaving(frame: FrameLocator, name: 'Done' | 'Close'): Promise<void> {
  await frame.getByRole('button', { name, exact: true }).dispatchEvent('click');
}

/** Resolves once okra-js's iframe has left the page. */
export async function widgetClosed(page: Page): Promise<void> {
  await page.locator('iframe[id^="okra-iframe-"]').waitFor({ state: 'detached' });
}
