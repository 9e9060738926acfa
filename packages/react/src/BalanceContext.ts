import { createContext, useContext } from 'react';
import type { QueryClient } from '@tanstack/react-query';
import type { BalanceClientConfig } from './requestJson.ts';
import type { LinkSession } from './startLink.ts';

/** How often to poll and retry. The defaults suit people; tests shrink them. */
export interface BalanceTiming {
  /** First delay between polls of a running refresh job (ms). Default 1000; each poll waits 1.5× longer. */
  pollMs: number;
  /** Longest delay between polls (ms). Default 15000. */
  maxPollMs: number;
  /** First delay before asking again for a link the provider is still writing (ms). Default 250, doubling. */
  linkRetryMs: number;
  /** How many times to ask again. Default 5. */
  linkRetries: number;
}

export const defaultTiming: BalanceTiming = {
  pollMs: 1000,
  maxPollMs: 15_000,
  linkRetryMs: 250,
  linkRetries: 5,
};

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
      `${hook} must be used inside <BalanceProvider>: wrap your app in <BalanceProvider baseUrl="/api/balance">.`,
    );
  }
  return value;
}
