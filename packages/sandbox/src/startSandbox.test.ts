import { afterEach, describe, expect, it } from 'vitest';
import { isValidNuban } from './fixtures/nuban.ts';
import type { Sandbox } from './sandboxTypes.ts';
import { startSandbox } from './startSandbox.ts';

const open: Sandbox[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((sandbox) => sandbox.close()));
});

async function start(options: Parameters<typeof startSandbox>[0] = {}) {
  const sandbox = await startSandbox(options);
  open.push(sandbox);
  return sandbox;
}

describe('startSandbox', () => {
  it('serves the API and the widget on two loopback origins and describes itself as a provider', async () => {
    const sandbox = await start();
    expect(sandbox.apiBaseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v2$/);
    expect(sandbox.widgetOrigin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(new URL(sandbox.apiBaseUrl).origin).not.toBe(sandbox.widgetOrigin);
    expect(sandbox.provider).toMatchObject({
      id: 'sandbox',
      apiBaseUrl: sandbox.apiBaseUrl,
      widgetOrigin: sandbox.widgetOrigin,
      amountUnit: 'major',
    });
    expect(sandbox.credentials).toMatchObject({
      secretKey: expect.stringMatching(/^sk_/),
      publicKey: expect.stringMatching(/^pk_/),
      env: 'production-sandbox',
    });
  });

  it('makes the same keys, banks and links from the same seed, and different ones from another', async () => {
    const [a, b, c] = await Promise.all([start({ seed: 4 }), start({ seed: 4 }), start({ seed: 5 })]);
    expect(a.credentials).toEqual(b.credentials);
    expect(a.banks()).toEqual(b.banks());
    const [linkA, linkB, linkC] = await Promise.all([a.linkAccount(), b.linkAccount(), c.linkAccount()]);
    expect(linkA.accounts.map((x) => x.nuban)).toEqual(linkB.accounts.map((x) => x.nuban));
    expect(c.credentials.secretKey).not.toBe(a.credentials.secretKey);
    expect(linkC.customerId).not.toBe(linkA.customerId);
  });

  it('takes given keys over seeded ones', async () => {
    const sandbox = await start({ secretKey: 'sk_mine', publicKey: 'pk_mine', clientToken: 'token_mine' });
    expect(sandbox.credentials).toMatchObject({
      secretKey: 'sk_mine',
      publicKey: 'pk_mine',
      clientToken: 'token_mine',
    });
  });

  it('links accounts with valid NUBANs at the bank asked for', async () => {
    const sandbox = await start();
    const link = await sandbox.linkAccount({ bankId: 'uba', accounts: 4, customerName: 'Kemi Ade' });
    expect(link.accounts).toHaveLength(4);
    expect(link.bank.slug).toBe('uba');
    for (const account of link.accounts) {
      expect(account.name).toBe('Kemi Ade');
      expect(isValidNuban('033', account.nuban)).toBe(true);
    }
    await expect(sandbox.linkAccount({ bankId: 'nope' })).rejects.toThrow(/Unknown bank/);
    await expect(sandbox.linkAccount({ accounts: 0 })).rejects.toThrow(RangeError);
  });

  it('close() is idempotent and frees the ports', async () => {
    const sandbox = await start();
    await Promise.all([sandbox.close(), sandbox.close()]);
    await sandbox.close();
    await expect(fetch(`${sandbox.apiBaseUrl}/balance/getByCustomer`)).rejects.toThrow();
    await expect(fetch(sandbox.widgetOrigin)).rejects.toThrow();
  });

  it('refuses to start on a taken port with the system error', async () => {
    const first = await start();
    const port = Number(new URL(first.apiBaseUrl).port);
    await expect(startSandbox({ widgetPort: port })).rejects.toThrow(/EADDRINUSE/);
  });
});
