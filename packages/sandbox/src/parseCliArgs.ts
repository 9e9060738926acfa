import { parseArgs } from 'node:util';
import type { NotReadyReply } from './api/ApiContext.ts';
import { parseFaultPlan } from './api/controlSchemas.ts';
import type { Fault } from './faults.ts';
import { DEFAULT_LATENCY_MS, REALISTIC_LATENCY, type Latency } from './latency.ts';
import type { LinkOptions } from './linkPolicy.ts';
import { EXPIRED_LINK_STATUSES, LINK_REPLY_SHAPES } from './linkStates.ts';
import type { DuplicateRefresh } from './RecordBook.ts';
import type { SandboxOptions, WebhookTokenScope } from './sandboxTypes.ts';

/** The CLI's ports when none are given: fixed, so a demo's `.env` can name them. */
export const CLI_PORTS = { port: 4010, widgetPort: 4011 } as const;

export const CLI_USAGE = `Usage: okra-sandbox [options]

  --host <host>               bind address (default 127.0.0.1)
  --port <n>                  API port (default ${CLI_PORTS.port}; 0 = any free port)
  --widget-port <n>           widget port (default ${CLI_PORTS.widgetPort}; 0 = any free port)
  --seed <n>                  fixtures, keys and balance moves (default 1)
  --latency <v>               bank latency: ms, min-max, "fast" (${DEFAULT_LATENCY_MS}) or "realistic" (90-150 s)
  --duplicate-delay <ms>      the bank's duplicate window for refreshes (default 60000)
  --duplicate-refresh <mode>  delay | reject, for a refresh inside that window (default delay)
  --not-ready <variant>       pending | not-found | error, GET /callback before the bank answers (default pending)
  --secret-key, --public-key, --client-token <value>   fixed keys instead of seeded ones
  --webhook-url <url>         where to post webhooks when a record has no callback_url
  --webhook-token <token>     sent as Authorization: Bearer <token> with webhooks
  --webhook-token-scope <s>   dashboard (only to --webhook-url, default) | everywhere (to callback_urls too)
  --webhook-retries <n>       retries after a failed webhook (default 3)
  --customers <n>             customers made from the seed at start (default 3)
  --state-file <path>         keep customers, accounts, balances and records in this JSON file across restarts
  --expire-after <ms>         links expire this long after they are made or re-authenticated (default never)
  --expire-after-refreshes <n>  links expire after this many billed calls, refresh or check (default never)
  --expire-status <status>    invalid | token_required | disconnected | consent_expired (default invalid)
  --expire-shape <shape>      error-type | callback-status, how calls on an expired link answer (default error-type)
  --fault <endpoint=kind[:times]>   arm a fault, repeatable: --fault "POST /balance/refresh=429:2" --fault "*=nested-data"
  --help                      show this
`;

export type CliArgs = { ok: true; help: boolean; options: SandboxOptions } | { ok: false; error: string };

/**
 * The CLI's flags as `startSandbox` options. Pure: no I/O, so it is tested directly.
 *
 * @example
 * parseCliArgs(['--port', '0', '--latency', '100-300', '--fault', 'GET /callback=503:1']);
 */
export function parseCliArgs(argv: readonly string[]): CliArgs {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        host: { type: 'string' },
        port: { type: 'string' },
        'widget-port': { type: 'string' },
        seed: { type: 'string' },
        latency: { type: 'string' },
        'duplicate-delay': { type: 'string' },
        'duplicate-refresh': { type: 'string' },
        'not-ready': { type: 'string' },
        'secret-key': { type: 'string' },
        'public-key': { type: 'string' },
        'client-token': { type: 'string' },
        'webhook-url': { type: 'string' },
        'webhook-token': { type: 'string' },
        'webhook-token-scope': { type: 'string' },
        'webhook-retries': { type: 'string' },
        customers: { type: 'string' },
        'state-file': { type: 'string' },
        'expire-after': { type: 'string' },
        'expire-after-refreshes': { type: 'string' },
        'expire-status': { type: 'string' },
        'expire-shape': { type: 'string' },
        fault: { type: 'string', multiple: true },
        help: { type: 'boolean' },
      },
    }));
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
  try {
    const options: SandboxOptions = {
      port: whole(values.port, '--port', CLI_PORTS.port, 65_535),
      widgetPort: whole(values['widget-port'], '--widget-port', CLI_PORTS.widgetPort, 65_535),
      seed: whole(values.seed, '--seed', 1),
      latencyMs: latency(values.latency),
    };
    if (values.host !== undefined) options.host = values.host;
    if (values['duplicate-delay'] !== undefined)
      options.duplicateDelayMs = whole(values['duplicate-delay'], '--duplicate-delay', 0);
    if (values['duplicate-refresh'] !== undefined)
      options.duplicateRefresh = oneOf<DuplicateRefresh>(values['duplicate-refresh'], '--duplicate-refresh', [
        'delay',
        'reject',
      ]);
    if (values['not-ready'] !== undefined)
      options.notReady = oneOf<NotReadyReply>(values['not-ready'], '--not-ready', [
        'pending',
        'not-found',
        'error',
      ]);
    if (values['secret-key'] !== undefined) options.secretKey = values['secret-key'];
    if (values['public-key'] !== undefined) options.publicKey = values['public-key'];
    if (values['client-token'] !== undefined) options.clientToken = values['client-token'];
    if (values['webhook-url'] !== undefined) options.webhookUrl = httpUrl(values['webhook-url']);
    if (values['webhook-token'] !== undefined) options.webhookToken = values['webhook-token'];
    if (values['webhook-token-scope'] !== undefined)
      options.webhookTokenScope = oneOf<WebhookTokenScope>(
        values['webhook-token-scope'],
        '--webhook-token-scope',
        ['dashboard', 'everywhere'],
      );
    if (values['webhook-retries'] !== undefined)
      options.webhookRetries = whole(values['webhook-retries'], '--webhook-retries', 3, 20);
    if (values.customers !== undefined) options.customers = whole(values.customers, '--customers', 3, 100);
    if (values['state-file'] !== undefined) options.stateFile = path(values['state-file'], '--state-file');
    if (values.fault !== undefined) options.faults = faults(values.fault);
    const links = linkOptions(values);
    if (Object.keys(links).length > 0) options.links = links;
    return { ok: true, help: values.help === true, options };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

function whole(
  value: string | undefined,
  flag: string,
  fallback: number,
  max = Number.MAX_SAFE_INTEGER,
): number {
  if (value === undefined) return fallback;
  const number = Number(value);
  if (!/^\d+$/.test(value) || number > max)
    throw new Error(`${flag} must be a whole number from 0 to ${max}, got "${value}"`);
  return number;
}

function linkOptions(values: Record<string, string | boolean | string[] | undefined>): LinkOptions {
  const text = (flag: string) => {
    const value = values[flag];
    return typeof value === 'string' ? value : undefined;
  };
  const links: LinkOptions = {};
  const afterMs = text('expire-after');
  const afterCalls = text('expire-after-refreshes');
  const status = text('expire-status');
  const shape = text('expire-shape');
  if (afterMs !== undefined) links.expireAfterMs = atLeastOne(afterMs, '--expire-after');
  if (afterCalls !== undefined)
    links.expireAfterRefreshes = atLeastOne(afterCalls, '--expire-after-refreshes');
  if (status !== undefined) links.expireStatus = oneOf(status, '--expire-status', EXPIRED_LINK_STATUSES);
  if (shape !== undefined) links.expireShape = oneOf(shape, '--expire-shape', LINK_REPLY_SHAPES);
  return links;
}

function atLeastOne(value: string, flag: string): number {
  const number = whole(value, flag, 0);
  if (number < 1) throw new Error(`${flag} must be a whole number of at least 1, got "${value}"`);
  return number;
}

function latency(value: string | undefined): Latency {
  if (value === undefined || value === 'fast') return DEFAULT_LATENCY_MS;
  if (value === 'realistic') return REALISTIC_LATENCY;
  const range = /^(\d+)-(\d+)$/.exec(value);
  if (range !== null) {
    const min = Number(range[1]);
    const max = Number(range[2]);
    if (min <= max) return { min, max };
  }
  if (/^\d+$/.test(value)) return Number(value);
  throw new Error(`--latency must be ms, min-max (min <= max), "fast" or "realistic", got "${value}"`);
}

function oneOf<T extends string>(value: string, flag: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new Error(`${flag} must be one of ${allowed.join(', ')}, got "${value}"`);
}

function path(value: string, flag: string): string {
  if (value.trim() === '') throw new Error(`${flag} needs a file path, got an empty one`);
  return value;
}

function httpUrl(value: string): string {
  if (!/^https?:\/\//.test(value) || !URL.canParse(value))
    throw new Error(`--webhook-url must be an http(s) URL, got "${value}"`);
  return value;
}

function faults(specs: readonly string[]): Record<string, Fault[]> {
  const plan: Record<string, unknown[]> = {};
  for (const spec of specs) {
    const at = spec.lastIndexOf('=');
    const match = /^([a-z0-9-]+)(?::(\d+))?$/.exec(spec.slice(at + 1));
    if (at <= 0 || match === null)
      throw new Error(`--fault must look like "POST /balance/refresh=429:2", got "${spec}"`);
    const endpoint = spec.slice(0, at).trim();
    const fault = match[2] === undefined ? { kind: match[1] } : { kind: match[1], times: Number(match[2]) };
    plan[endpoint] = [...(plan[endpoint] ?? []), fault];
  }
  const parsed = parseFaultPlan(plan);
  if (!parsed.ok)
    throw new Error(`--fault: unknown fault (${parsed.message}); see FAULT_KINDS in the README`);
  return parsed.plan as Record<string, Fault[]>;
}
