import { describe, expect, it } from 'vitest';
import { CLI_PORTS, parseCliArgs } from './parseCliArgs.ts';

describe('parseCliArgs', () => {
  it('defaults to fixed ports, seed 1 and the fast latency', () => {
    expect(parseCliArgs([])).toEqual({
      ok: true,
      help: false,
      options: { port: CLI_PORTS.port, widgetPort: CLI_PORTS.widgetPort, seed: 1, latencyMs: 1500 },
    });
  });

  it('reads every flag', () => {
    const args = parseCliArgs([
      '--host',
      '127.0.0.2',
      '--port',
      '0',
      '--widget-port',
      '0',
      '--seed',
      '7',
      '--latency',
      '100-300',
      '--duplicate-delay',
      '500',
      '--duplicate-refresh',
      'reject',
      '--not-ready',
      'not-found',
      '--secret-key',
      'sk_x',
      '--public-key',
      'pk_x',
      '--client-token',
      'tok',
      '--webhook-url',
      'http://127.0.0.1:9/h',
      '--webhook-token',
      'wt',
      '--webhook-retries',
      '1',
      '--customers',
      '0',
      '--state-file',
      'data/sandbox.json',
      '--expire-after',
      '60000',
      '--expire-after-refreshes',
      '3',
      '--expire-status',
      'token_required',
      '--expire-shape',
      'callback-status',
      '--fault',
      'POST /balance/refresh=429:2',
      '--fault',
      'POST /balance/refresh=msg-instead-of-message',
      '--fault',
      '*=hang',
    ]);
    expect(args).toEqual({
      ok: true,
      help: false,
      options: {
        host: '127.0.0.2',
        port: 0,
        widgetPort: 0,
        seed: 7,
        latencyMs: { min: 100, max: 300 },
        duplicateDelayMs: 500,
        duplicateRefresh: 'reject',
        notReady: 'not-found',
        secretKey: 'sk_x',
        publicKey: 'pk_x',
        clientToken: 'tok',
        webhookUrl: 'http://127.0.0.1:9/h',
        webhookToken: 'wt',
        webhookRetries: 1,
        customers: 0,
        stateFile: 'data/sandbox.json',
        links: {
          expireAfterMs: 60_000,
          expireAfterRefreshes: 3,
          expireStatus: 'token_required',
          expireShape: 'callback-status',
        },
        faults: {
          'POST /balance/refresh': [{ kind: '429', times: 2 }, { kind: 'msg-instead-of-message' }],
          '*': [{ kind: 'hang' }],
        },
      },
    });
  });

  it('knows the latency presets', () => {
    const latency = (value: string) => {
      const args = parseCliArgs(['--latency', value]);
      return args.ok ? args.options.latencyMs : args.error;
    };
    expect(latency('realistic')).toEqual({ min: 90_000, max: 150_000 });
    expect(latency('fast')).toBe(1500);
    expect(latency('250')).toBe(250);
  });

  it.each([
    [['--port', 'abc'], '--port'],
    [['--port', '70000'], '--port'],
    [['--latency', '300-100'], '--latency'],
    [['--not-ready', 'maybe'], '--not-ready'],
    [['--fault', 'POST /balance/refresh'], '--fault'],
    [['--fault', 'GET /callback=teapot'], 'unknown fault'],
    [['--webhook-url', 'ftp://x'], '--webhook-url'],
    [['--state-file', ' '], '--state-file'],
    [['--expire-after', '0'], '--expire-after'],
    [['--expire-after-refreshes', 'x'], '--expire-after-refreshes'],
    [['--expire-status', 'expired'], '--expire-status'],
    [['--expire-shape', 'both'], '--expire-shape'],
    [['--colour'], 'colour'],
    [['stray'], 'stray'],
  ])('refuses %j with a message naming the problem', (argv, words) => {
    const args = parseCliArgs(argv);
    expect(args.ok).toBe(false);
    if (!args.ok) expect(args.error).toContain(words);
  });

  it('sees --help', () => {
    expect(parseCliArgs(['--help'])).toMatchObject({ ok: true, help: true });
  });
});
