import type { Balance, BalanceResponse, LinkedAccount, RefreshJob } from '@okra-balance/core';

const T0 = '2026-11-20T09:00:00.000Z';

export function balance(overrides: Partial<Balance> = {}): Balance {
  return {
    available: 150_050,
    derived: false,
    ledger: 162_000,
    currency: 'NGN',
    asOf: T0,
    lastCheckedAt: null,
    ...overrides,
  };
}

export function job(overrides: Partial<RefreshJob> = {}): RefreshJob {
  return {
    id: 'job-1',
    accountId: 'acc-1',
    strategy: 'refresh',
    state: 'waiting',
    balanceChanged: null,
    failure: null,
    createdAt: T0,
    updatedAt: T0,
    deadlineAt: '2026-11-20T09:05:00.000Z',
    settledAt: null,
    ...overrides,
  };
}

export function balanceReply(
  balanceValue: Balance | null = balance(),
  jobValue: RefreshJob | null = null,
): BalanceResponse {
  return { accountId: 'acc-1', balance: balanceValue, job: jobValue, health: { state: 'ok' } };
}

export function account(overrides: Partial<LinkedAccount> = {}): LinkedAccount {
  return {
    id: 'acc-1',
    name: 'Ada Obi',
    maskedNuban: '******6789',
    bank: { id: 'gtb', name: 'GTBank' },
    currency: 'NGN',
    linkedAt: T0,
    balance: balance(),
    refresh: null,
    job: null,
    health: { state: 'ok' },
    schedule: { everyHours: null, source: 'route', nextAt: null },
    ...overrides,
  };
}
