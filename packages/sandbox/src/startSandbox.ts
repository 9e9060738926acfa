import { resolve } from 'node:path';
import { defineProvider } from '@okra-balance/core';
import type { ApiContext } from './api/ApiContext.ts';
import { apiApp } from './api/apiApp.ts';
import type { SandboxControl } from './api/controlApp.ts';
import { parseFaultPlan } from './api/controlSchemas.ts';
import { CallCounter } from './CallCounter.ts';
import { bankView } from './fixtures/banks.ts';
import { FaultBook, type FaultPlan } from './faults.ts';
import { DEFAULT_LATENCY_MS, LatencySampler } from './latency.ts';
import { LinkBook } from './LinkBook.ts';
import { linkCustomer } from './linkCustomer.ts';
import { resolveLinkPolicy } from './linkPolicy.ts';
import { listen } from './listen.ts';
import { createRandom } from './random.ts';
import { reauthAccount } from './reauthAccount.ts';
import { RecordBook } from './RecordBook.ts';
import type { Sandbox, SandboxCredentials, SandboxLogin, SandboxOptions } from './sandboxTypes.ts';
import { openStateFile } from './state/openStateFile.ts';
import type { StateFile } from './state/StateFile.ts';
import { SandboxStore } from './store.ts';
import { widgetApp } from './widget/widgetApp.ts';
import { WebhookSender } from './WebhookSender.ts';

/**
 * The login the widget accepts, and the one-time password it asks for when a link is `token_required`.
 * Fixed, so it can be printed in docs and typed by people.
 *
 * @example
 * await frame.getByLabelText('Password').fill(SANDBOX_LOGIN.password);
 */
export const SANDBOX_LOGIN: SandboxLogin = { username: 'demo', password: 'okra-sandbox', otp: '123456' };

/**
 * Starts an offline, Okra-compatible provider on loopback: the REST API (under `/v2`), its control route
 * (`/__sandbox`) and the widget page on a second origin.
 *
 * @example
 * const sandbox = await startSandbox({ port: 0, widgetPort: 0, latencyMs: 50, seed: 7 });
 * const res = await fetch(`${sandbox.apiBaseUrl}/balance/getByCustomer`, {
 *   method: 'POST',
 *   headers: { authorization: `Bearer ${sandbox.credentials.secretKey}`, 'content-type': 'application/json' },
 *   body: JSON.stringify({ customer: (await sandbox.linkAccount()).customerId }),
 * });
 * await sandbox.close();
 */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const host = options.host ?? '127.0.0.1';
  const seed = options.seed ?? 1;
  const credentials = makeCredentials(seed, options);
  const store = new SandboxStore(seed, Date.now, resolveLinkPolicy(options.links));
  const latency = new LatencySampler(options.latencyMs ?? DEFAULT_LATENCY_MS, seed);
  const faults = new FaultBook(checkPlan(options.faults ?? {}));
  const counter = new CallCounter();
  const webhookToken = options.webhookToken ?? null;
  const webhooks = new WebhookSender({
    token: webhookToken,
    tokenOnlyTo:
      (options.webhookTokenScope ?? 'dashboard') === 'dashboard' ? (options.webhookUrl ?? null) : null,
    retries: options.webhookRetries ?? 3,
    retryDelayMs: options.webhookRetryDelayMs ?? 500,
    timeoutMs: 5_000,
  });
  let stateFile: StateFile | null = null;
  const records = new RecordBook({
    store,
    latency,
    webhooks,
    webhookUrl: options.webhookUrl ?? null,
    duplicateDelayMs: options.duplicateDelayMs ?? 60_000,
    duplicateRefresh: options.duplicateRefresh ?? 'delay',
    onChange: () => stateFile?.changed(),
  });
  const links = new LinkBook(store, () => stateFile?.changed());
  const makeFixtures = () => {
    for (let i = 0; i < (options.customers ?? 3); i += 1) {
      linkCustomer(store, records, { accounts: store.fixtures.int(1, 3) }, { quiet: true });
    }
  };
  if (options.stateFile === undefined) makeFixtures();
  else stateFile = openStateFile(resolve(options.stateFile), { store, records, latency }, makeFixtures);

  const ctx: ApiContext = {
    store,
    records,
    links,
    faults,
    counter,
    latency,
    secretKey: credentials.secretKey,
    notReady: options.notReady ?? 'pending',
    hangs: new Set(),
  };
  const control: SandboxControl = {
    counts: () => counter.snapshot(),
    resetCounts: () => counter.reset(),
    faults: () => faults.plan(),
    setFaults: (plan) => faults.set(checkPlan(plan)),
    latency: () => latency.get(),
    setLatency: (value) => latency.set(value),
    linkAccount: (input) => linkCustomer(store, records, input),
    linkStatus: (accountId) => links.state(accountId),
    expireLink: (accountId, input) => links.expire(accountId, input),
    reauthAccount: (accountId, input) => reauthAccount({ store, records, links }, accountId, input),
    webhookDeliveries: () => webhooks.deliveries(),
  };

  const api = await listen(apiApp(ctx, control).fetch, host, options.port ?? 0);
  const widget = await listen(
    widgetApp({ store, records, links, credentials, login: SANDBOX_LOGIN }).fetch,
    host,
    options.widgetPort ?? 0,
  ).catch(async (error: unknown) => {
    await api.close();
    throw error;
  });
  // Records that were at the bank when the state was saved: only now, so their webhooks find us serving.
  if (stateFile !== null) records.resumePending();
  const urlHost = host.includes(':') ? `[${host}]` : host;
  const apiBaseUrl = `http://${urlHost}:${api.port}/v2`;
  const widgetOrigin = `http://${urlHost}:${widget.port}`;

  let closing: Promise<void> | null = null;
  return {
    apiBaseUrl,
    widgetOrigin,
    provider: defineProvider({
      id: 'sandbox',
      name: 'Okra sandbox',
      apiBaseUrl,
      widgetOrigin,
      amountUnit: 'major',
    }),
    credentials,
    login: { ...SANDBOX_LOGIN },
    webhookToken,
    stateFile: stateFile?.path ?? null,
    banks: () => store.banks.map(bankView),
    // A refused link rejects, never throws: the executor turns a throw into a rejection.
    linkAccount: (input = {}) => new Promise((resolve) => resolve(control.linkAccount(input))),
    reauthAccount: (accountId, input = {}) =>
      new Promise((resolve) => resolve(control.reauthAccount(accountId, input))),
    expireLink: (accountId, input = {}) => known(accountId, control.expireLink(accountId, input)),
    linkStatus: (accountId) => known(accountId, control.linkStatus(accountId)),
    counts: () => control.counts(),
    resetCounts: () => control.resetCounts(),
    setFaults: (plan) => control.setFaults(plan),
    faults: () => control.faults(),
    setLatency: (value) => control.setLatency(value),
    webhookDeliveries: () => control.webhookDeliveries(),
    webhooksSettled: () => webhooks.settled(),
    close() {
      closing ??= (async () => {
        records.close();
        webhooks.close();
        for (const wake of [...ctx.hangs]) wake();
        await Promise.all([api.close(), widget.close()]);
        stateFile?.close();
      })();
      return closing;
    },
  };
}

function known<T>(accountId: string, value: T | undefined): T {
  if (value !== undefined) return value;
  throw new RangeError(`Unknown account "${accountId}": use an account id from linkAccount or the widget`);
}

function makeCredentials(seed: number, options: SandboxOptions): SandboxCredentials {
  const random = createRandom(seed ^ 0xc0de);
  const generated = {
    secretKey: `sk_sandbox_${random.hex(32)}`,
    publicKey: `pk_sandbox_${random.hex(32)}`,
    clientToken: random.hex(24),
    appId: random.hex(24),
  };
  return {
    secretKey: options.secretKey ?? generated.secretKey,
    publicKey: options.publicKey ?? generated.publicKey,
    clientToken: options.clientToken ?? generated.clientToken,
    appId: generated.appId,
    env: 'production-sandbox',
  };
}

function checkPlan(plan: FaultPlan): FaultPlan {
  const result = parseFaultPlan(plan);
  if (result.ok) return result.plan;
  throw new TypeError(
    `Invalid fault plan at ${result.message}. ` +
      `Use { 'POST /balance/refresh': [{ kind: '429', times: 1 }] } with kinds from FAULT_KINDS.`,
  );
}
