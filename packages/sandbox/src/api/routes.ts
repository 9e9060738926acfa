import type { Handler } from './ApiContext.ts';
import { callback } from './callbackRoute.ts';
import {
  accountsByCustomer,
  balanceByAccount,
  balanceByCustomer,
  balanceById,
  balanceByOptions,
  transactionsByAccount,
} from './readRoutes.ts';
import { checkBalance, refreshBalance } from './recordRoutes.ts';

/** The provider routes under `/v2`, keyed like the counts: `METHOD /path`. */
export const ROUTES: Readonly<Record<string, Handler>> = {
  'POST /balance/refresh': refreshBalance,
  'POST /balance/check': checkBalance,
  'GET /callback': callback,
  'POST /balance/getByAccount': balanceByAccount,
  'POST /balance/getByCustomer': balanceByCustomer,
  'POST /balance/getById': balanceById,
  'POST /balance/byOptions': balanceByOptions,
  'POST /accounts/getByCustomer': accountsByCustomer,
  'POST /transactions/getByAccount': transactionsByAccount,
};

/**
 * Every endpoint the sandbox serves, keyed as in the counts and fault plans.
 *
 * @example
 * sandbox.setFaults(Object.fromEntries(ENDPOINTS.map((endpoint) => [endpoint, [{ kind: '503', times: 1 }]])));
 */
export const ENDPOINTS: readonly string[] = Object.keys(ROUTES);

const PATHS = new Map<string, string[]>();
for (const endpoint of ENDPOINTS) {
  const [method = '', path = ''] = endpoint.split(' ');
  PATHS.set(path, [...(PATHS.get(path) ?? []), method]);
}

/** The methods a path answers, or none when the path is unknown. */
export function methodsFor(path: string): string[] {
  return PATHS.get(path) ?? [];
}
