import { describe, expectTypeOf, it } from 'vitest';
import type { BalanceSnapshot, HistoryResponse, LinkOutage } from '@okra-balance/core';
import { historyQueryOptions, useBalanceHistory, type UseBalanceHistoryResult } from './index.ts';

describe('useBalanceHistory types', () => {
  it('answers the snapshots by default, with or without a range', () => {
    expectTypeOf(useBalanceHistory('acc-1', { limit: 5 })).toEqualTypeOf<UseBalanceHistoryResult>();
    expectTypeOf(useBalanceHistory('acc-1', { withinMs: 86_400_000 }).data).toEqualTypeOf<
      BalanceSnapshot[] | undefined
    >();
  });

  it('answers what select picks, such as the outages or the whole reply', () => {
    expectTypeOf(useBalanceHistory('acc-1', { select: (reply) => reply.outages }).data).toEqualTypeOf<
      LinkOutage[] | undefined
    >();
    const whole = (reply: HistoryResponse) => reply;
    expectTypeOf(useBalanceHistory('acc-1', { select: whole }).data).toEqualTypeOf<
      HistoryResponse | undefined
    >();
  });

  it('refuses a range that is not numbers', () => {
    // @ts-expect-error withinMs is milliseconds, not an ISO time
    historyQueryOptions({ baseUrl: '/api' }, 'acc-1', undefined, { withinMs: '2026-01-01' });
  });
});
