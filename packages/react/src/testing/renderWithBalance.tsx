import type { ReactElement } from 'react';
import { render } from '@testing-library/react';
import { QueryClient } from '@tanstack/react-query';
import { BalanceProvider } from '../BalanceProvider.tsx';
import type { BalanceTiming } from '../BalanceTiming.ts';
import { BASE_URL } from './fakeRoute.ts';

/** Fast, deterministic delays for tests: polls and retries of tens of milliseconds, no retried reads. */
export const testTiming: BalanceTiming = {
  pollMs: 20,
  maxPollMs: 80,
  linkRetryMs: 10,
  linkRetries: 3,
  retries: 0,
};

/**
 * Renders `ui` inside a `<BalanceProvider>` on a fresh QueryClient (no retries) talking to `fetch`. No live
 * stream unless `eventSource` is given (see `fakeEventSource`): the hooks poll.
 */
export function renderWithBalance(
  ui: ReactElement,
  fetch: typeof globalThis.fetch,
  eventSource: typeof EventSource | false = false,
) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const wrap = (node: ReactElement) => (
    <BalanceProvider
      baseUrl={BASE_URL}
      fetch={fetch}
      queryClient={client}
      timing={testTiming}
      eventSource={eventSource}
    >
      {node}
    </BalanceProvider>
  );
  const result = render(wrap(ui));
  return { ...result, client, rerender: (next: ReactElement) => result.rerender(wrap(next)) };
}
