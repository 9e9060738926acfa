import { createContext, useContext } from 'react';
import type { RouteConnection } from './RouteConnection.ts';
import type { LinkRequest, LinkSession } from './startLink.ts';

export interface BalanceContextValue extends RouteConnection {
  /**
   * Starts a server-side link session for `<ConnectBalance />` (for one account's re-authentication when given
   * its id); kept here so standalone apps never load it.
   */
  startLink: (request: LinkRequest) => Promise<LinkSession>;
  /** Opens the live stream; `false` turns it off. Default: the browser's `EventSource`, looked up when used. */
  eventSource?: typeof EventSource | false | undefined;
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
