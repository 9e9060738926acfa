import { createContext, useContext } from 'react';
import type { QueryClient } from '@tanstack/react-query';
import type { BalanceTiming } from './BalanceTiming.ts';
import type { BalanceClientConfig } from './requestJson.ts';
import type { LinkSession } from './startLink.ts';

/** A route to call and the cache its answers go into. */
export interface BalanceRoute {
  config: BalanceClientConfig;
  client: QueryClient;
  timing: BalanceTiming;
}

export interface BalanceContextValue extends BalanceRoute {
  /** Starts a server-side link session for `<ConnectBalance />`; kept here so standalone apps never load it. */
  startLink: () => Promise<LinkSession>;
}

export const BalanceContext = /* @__PURE__ */ createContext<BalanceContextValue | null>(null);

/** The nearest `<BalanceProvider>`, or an error that says how to add one. */
export function useBalanceContext(hook: string): BalanceContextValue {
  const value = useContext(BalanceContext);
  if (value === null) {
    throw new Error(
      process.env.NODE_ENV !== 'production'
        ? `${hook} must be used inside <BalanceProvider>: wrap your app in <BalanceProvider baseUrl="/api/balance">.`
        : `${hook} needs <BalanceProvider>`,
    );
  }
  return value;
}
