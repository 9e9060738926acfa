import { normalizeLinkResult, type WidgetErrorPayload, type WidgetSuccessPayload } from '@okra-balance/core';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { page } from 'vitest/browser';

/** The part of okra-js 2.1.1's global object these tests drive. */
interface OkraJs {
  baseUrl: string;
  iframe: HTMLIFrameElement | '' | null;
  buildWithOptions(options: Record<string, unknown>): void;
}

interface Seen {
  success: WidgetSuccessPayload[];
  error: WidgetErrorPayload[];
  close: number;
  events: string[];
}

const sandbox = inject('sandbox');

/** The real okra-js, pointed at the sandbox widget; opened with `products: ['auth', 'balance']`. */
async function openWidget(overrides: Record<string, unknown> = {}) {
  const okra = (await import('okra-js')).default as OkraJs;
  okra.baseUrl = sandbox.widgetOrigin;
  const seen: Seen = { success: [], error: [], close: 0, events: [] };
  okra.buildWithOptions({
    key: sandbox.credentials.publicKey,
    token: sandbox.credentials.clientToken,
    env: 'production-sandbox',
    products: ['auth', 'balance'],
    name: 'Balance demo',
    options: { linkToken: 'browser-test' },
    onSuccess: (data: WidgetSuccessPayload) => seen.success.push(data),
    onError: (data: WidgetErrorPayload) => seen.error.push(data),
    onClose: () => (seen.close += 1),
    onEvent: (data: { event_name?: string }) => seen.events.push(data.event_name ?? '?'),
    ...overrides,
  });
  const iframe = okra.iframe;
  if (!(iframe instanceof HTMLIFrameElement)) throw new Error('okra-js did not create its iframe');
  return { okra, seen, iframe, frame: page.frameLocator(page.elementLocator(iframe)) };
}

type Frame = Awaited<ReturnType<typeof openWidget>>['frame'];

async function logIn(frame: Frame, password: string) {
  await frame.getByLabelText('Username').fill(sandbox.login.username);
  await frame.getByLabelText('Password').fill(password);
  await frame.getByRole('button', { name: 'Log in', exact: true }).click();
}

afterEach(() => {
  // okra-js has no destroy: a widget left open (after an error) would catch the next test's messages.
  for (const node of document.querySelectorAll('iframe[id^="okra-iframe-"], div[id^="okra-base-"]'))
    node.remove();
});

describe('the real okra-js 2.1.1 against the sandbox widget', () => {
  it('completes a login inside the iframe and calls onSuccess with the documented payload', async () => {
    const { seen, frame, iframe } = await openWidget();
    expect(iframe.src).toBe(`${sandbox.widgetOrigin}/?isIframe=true&withOptions=true`);
    // The dialog is named by the heading on screen (a locator action fails when no element matches).
    await frame.getByRole('dialog', { name: 'Choose your bank' }).hover();
    await frame.getByRole('button', { name: 'Guaranty Trust Bank' }).click();
    await logIn(frame, sandbox.login.password);
    await expect.poll(() => seen.success.length).toBe(1);

    const [payload] = seen.success;
    expect(payload).toMatchObject({
      success: true,
      auth: {
        customer_id: expect.any(String),
        bank_id: expect.any(String),
        bank_details: {
          name: 'Guaranty Trust Bank',
          slug: 'gtbank',
          logo: expect.stringMatching(/^data:image\/svg\+xml,/),
        },
        clientId: sandbox.credentials.appId,
        status: 'success',
        type: 'auth',
        login_type: 'personal',
      },
      bank_id: payload?.auth?.bank_id,
      record: expect.any(String),
    });
    expect(payload?.accounts).toHaveLength(2);
    for (const account of payload?.accounts ?? []) {
      expect(account).toMatchObject({
        id: expect.any(String),
        customer: payload?.auth?.customer_id,
        currency: 'NGN',
        connected: true,
      });
      expect(account.nuban).toMatch(/^\d{10}$/);
    }
    const link = normalizeLinkResult(payload);
    expect(link.customerId).toBe(payload?.auth?.customer_id);
    expect(link.bank?.name).toBe('Guaranty Trust Bank');
    expect(seen.events).toEqual(['WIDGET_OPENED', 'BANK_SELECTED', 'LOGIN_SUBMITTED', 'ACCOUNTS_LINKED']);
    expect(seen.close).toBe(0);

    await frame.getByRole('button', { name: 'Done' }).click();
    await expect.poll(() => seen.close).toBe(1);
    expect(document.body.contains(iframe)).toBe(false);
  });

  it('closing the widget calls onClose and removes the iframe, with no success', async () => {
    const { seen, frame, iframe } = await openWidget();
    await frame.getByRole('button', { name: 'Access Bank' }).click();
    await frame.getByRole('button', { name: 'Close', exact: true }).click();
    await expect.poll(() => seen.close).toBe(1);
    expect(document.body.contains(iframe)).toBe(false);
    expect(seen.success).toEqual([]);
    expect(seen.events).toEqual(['WIDGET_OPENED', 'BANK_SELECTED', 'WIDGET_CLOSED']);
  });

  it('three wrong passwords call onError, after two attempts the user could retry', async () => {
    const { seen, frame } = await openWidget();
    await frame.getByRole('button', { name: 'Zenith Bank' }).click();
    for (let attempt = 1; attempt <= 3; attempt += 1) {
      await logIn(frame, `wrong-${attempt}`);
      await expect.poll(() => seen.events.filter((name) => name === 'LOGIN_FAILED').length).toBe(attempt);
      expect(seen.error).toHaveLength(attempt === 3 ? 1 : 0);
    }
    await expect.poll(() => seen.error.length).toBe(1);
    expect(seen.error[0]).toMatchObject({
      error: true,
      type: 'too_many_attempts',
      message: expect.any(String),
    });
    expect(seen.success).toEqual([]);
    expect(seen.close).toBe(0);
  });

  it('a wrong public key shows the error state and calls onError', async () => {
    const { seen } = await openWidget({ key: 'pk_not_ours' });
    await expect.poll(() => seen.error.length).toBe(1);
    expect(seen.error[0]).toMatchObject({ error: true, type: 'invalid_key' });
    expect(seen.events).toEqual([]);
  });
});

/** The sandbox's control route, as a test page holding the secret key drives it (it answers CORS). */
async function control<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${new URL(sandbox.apiBaseUrl).origin}/__sandbox${path}`, {
    method,
    headers: { authorization: `Bearer ${sandbox.credentials.secretKey}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!response.ok) throw new Error(`control ${method} ${path}: ${response.status}`);
  return (await response.json()) as T;
}

interface Linked {
  customerId: string;
  bank: { _id: string; name: string };
  accounts: { _id: string }[];
}

describe('re-authentication with okra-js reauth_account + reauth_bank', () => {
  it.each(['token_required', 'invalid'] as const)(
    'a %s link: signs in to the same bank again and posts success for the same account',
    async (status) => {
      const link = await control<Linked>('POST', '/link', { bankId: 'access-bank', accounts: 1 });
      const accountId = link.accounts[0]?._id ?? '';
      await control('POST', `/accounts/${accountId}/expire`, { status });
      const { seen, frame } = await openWidget({
        reauth_account: accountId,
        reauth_bank: link.bank._id,
        options: { linkToken: `browser-reauth-${status}` },
      });

      // No bank list: the dialog opens on the bank's login, named by its heading (a locator action fails
      // when no element matches; expect.element cannot look inside the widget's cross-origin frame).
      await frame.getByRole('dialog', { name: 'Sign in to Access Bank again' }).hover();
      await frame.getByText(/Reconnecting your (savings|current) account/).hover();
      await frame.getByLabelText('Username').fill(sandbox.login.username);
      await frame.getByLabelText('Password').fill(sandbox.login.password);
      // Only a token_required link asks for the one-time password; an invalid one signs in without it.
      if (status === 'token_required')
        await frame.getByLabelText('One-time password').fill(sandbox.login.otp);
      await frame.getByRole('button', { name: 'Reconnect' }).click();
      await expect.poll(() => seen.success.length).toBe(1);

      const [payload] = seen.success;
      expect(payload?.accounts?.map((account) => account.id)).toEqual([accountId]);
      expect(payload?.auth?.customer_id).toBe(link.customerId);
      expect(payload?.auth?.bank_id).toBe(link.bank._id);
      expect(seen.events).toEqual(['WIDGET_OPENED', 'LOGIN_SUBMITTED', 'ACCOUNTS_LINKED']);
      await frame.getByRole('dialog', { name: 'Account reconnected' }).hover();
      expect(await control(`GET`, `/accounts/${accountId}/link`)).toMatchObject({ status: 'active' });

      await frame.getByRole('button', { name: 'Done' }).click();
      await expect.poll(() => seen.close).toBe(1);
    },
  );

  it('an unknown account shows the error screen and calls onError', async () => {
    const { seen, frame } = await openWidget({ reauth_account: 'not-an-account', reauth_bank: 'gtbank' });
    await expect.poll(() => seen.error.length).toBe(1);
    expect(seen.error[0]).toMatchObject({
      error: true,
      type: 'unknown_account',
      message: expect.any(String),
    });
    await frame.getByRole('dialog', { name: 'The widget could not open' }).hover();
    expect(seen.success).toEqual([]);
  });
});
