/**
 * Upstream calls so far: in all, per endpoint (`'POST /balance/refresh'`), and per account then endpoint.
 *
 * @example
 * const { byEndpoint } = sandbox.counts();
 * byEndpoint['GET /callback']; // how many times the callback was polled
 */
export interface SandboxCounts {
  total: number;
  byEndpoint: Record<string, number>;
  byAccount: Record<string, Record<string, number>>;
  /**
   * Bank sessions that refresh calls started, per account: a refresh refused before the bank saw it (a 500, a
   * 429, a hang) is a call in `byEndpoint` but no session here.
   */
  refreshSessions: Record<string, number>;
}

/**
 * Counts every call to the provider API, rejected ones included: the provider bills a call whether or not
 * your code liked the answer, and the benchmarks and dedupe tests read these numbers.
 */
export class CallCounter {
  private total = 0;
  private byEndpoint = new Map<string, number>();
  private byAccount = new Map<string, Map<string, number>>();
  private sessions = new Map<string, number>();

  record(endpoint: string, accountId: string | null): void {
    this.total += 1;
    this.byEndpoint.set(endpoint, (this.byEndpoint.get(endpoint) ?? 0) + 1);
    if (accountId === null) return;
    const perAccount = this.byAccount.get(accountId) ?? new Map<string, number>();
    perAccount.set(endpoint, (perAccount.get(endpoint) ?? 0) + 1);
    this.byAccount.set(accountId, perAccount);
  }

  /** A refresh call started a bank session for the account. */
  session(accountId: string): void {
    this.sessions.set(accountId, (this.sessions.get(accountId) ?? 0) + 1);
  }

  /** A copy: later calls do not change it. */
  snapshot(): SandboxCounts {
    const byAccount: Record<string, Record<string, number>> = {};
    for (const [accountId, perAccount] of this.byAccount)
      byAccount[accountId] = Object.fromEntries(perAccount);
    return {
      total: this.total,
      byEndpoint: Object.fromEntries(this.byEndpoint),
      byAccount,
      refreshSessions: Object.fromEntries(this.sessions),
    };
  }

  reset(): void {
    this.total = 0;
    this.byEndpoint.clear();
    this.byAccount.clear();
    this.sessions.clear();
  }
}
