/**
 * Every fault the sandbox can play. Each does something a client can observe; the README says what.
 *
 * @example
 * for (const kind of FAULT_KINDS) sandbox.setFaults({ 'POST /balance/refresh': [{ kind, times: 1 }] });
 */
export const FAULT_KINDS = [
  '500',
  '429',
  '503',
  'hang',
  'lost-answer',
  'malformed-json',
  'msg-instead-of-message',
  'nested-data',
  'balances-key',
  'undefined-callback-url',
  'foreign-callback-url',
  'missing-available',
  'hostile-data',
  'duplicate-callback',
  'late-callback',
  'webhook-twice',
  'webhook-never',
  'record-failed',
  'check-changed',
  'check-unchanged',
  'token-required',
] as const;

/**
 * One of {@link FAULT_KINDS}.
 *
 * @example
 * const kind: FaultKind = 'late-callback';
 */
export type FaultKind = (typeof FAULT_KINDS)[number];

/**
 * One fault: `times` is how many calls it applies to (default: every call until the plan changes).
 *
 * @example
 * const fault: Fault = { kind: 'late-callback', times: 1, delayMs: 5_000 };
 */
export interface Fault {
  kind: FaultKind;
  times?: number;
  /** For `late-callback`: how much later the record completes. Default ten times the latency. */
  delayMs?: number;
}

/**
 * Faults per endpoint, keyed like the counts (`'POST /balance/refresh'`, `'GET /callback'`), or `'*'` for
 * every endpoint.
 *
 * @example
 * const plan: FaultPlan = { 'GET /callback': [{ kind: '503', times: 2 }], '*': [{ kind: 'msg-instead-of-message' }] };
 */
export type FaultPlan = Readonly<Record<string, readonly Fault[]>>;

/** Faults that answer in place of the endpoint, first one wins. */
export const STATUS_FAULTS: readonly FaultKind[] = ['hang', '500', '429', '503'];

/** Faults decided when a record is made (by the endpoint that made it). */
export const RECORD_FAULTS: readonly FaultKind[] = [
  'late-callback',
  'duplicate-callback',
  'webhook-twice',
  'webhook-never',
  'record-failed',
  'check-changed',
  'check-unchanged',
];

interface Entry {
  fault: Fault;
  left: number;
}

/** The live fault plan: which faults are armed and how many uses each has left. */
export class FaultBook {
  private entries = new Map<string, Entry[]>();

  constructor(plan: FaultPlan = {}) {
    this.set(plan);
  }

  /** Replaces the whole plan. */
  set(plan: FaultPlan): void {
    this.entries = new Map(
      Object.entries(plan).map(([endpoint, faults]) => [
        endpoint,
        faults.map((fault) => ({ fault: { ...fault }, left: fault.times ?? Number.POSITIVE_INFINITY })),
      ]),
    );
  }

  /** The plan as it stands, with `times` showing the uses left. */
  plan(): Record<string, Fault[]> {
    const out: Record<string, Fault[]> = {};
    for (const [endpoint, entries] of this.entries) {
      const live = entries.filter((entry) => entry.left > 0);
      if (live.length === 0) continue;
      out[endpoint] = live.map(({ fault, left }) =>
        Number.isFinite(left) ? { ...fault, times: left } : { ...fault },
      );
    }
    return out;
  }

  /** True when the fault is armed for the endpoint (or `'*'`), without using it up. */
  has(endpoint: string, kind: FaultKind): boolean {
    return this.find(endpoint, kind) !== undefined;
  }

  /** Uses the fault once if armed, returning it; otherwise null. */
  take(endpoint: string, kind: FaultKind): Fault | null {
    const entry = this.find(endpoint, kind);
    if (entry === undefined) return null;
    entry.left -= 1;
    return entry.fault;
  }

  /** Uses the first armed fault among `kinds`, in that order. */
  takeFirst(endpoint: string, kinds: readonly FaultKind[]): Fault | null {
    for (const kind of kinds) {
      const fault = this.take(endpoint, kind);
      if (fault !== null) return fault;
    }
    return null;
  }

  private find(endpoint: string, kind: FaultKind): Entry | undefined {
    const pick = (key: string) =>
      this.entries.get(key)?.find((entry) => entry.fault.kind === kind && entry.left > 0);
    return pick(endpoint) ?? pick('*');
  }
}
