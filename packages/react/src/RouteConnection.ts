import type { QueryClient } from '@tanstack/react-query';
import type { BalanceTiming } from './BalanceTiming.ts';
import type { BalanceClientConfig } from './requestJson.ts';

/** A route to call and the cache its answers go into. */
export interface RouteConnection {
  config: BalanceClientConfig;
  client: QueryClient;
  timing: BalanceTiming;
}
