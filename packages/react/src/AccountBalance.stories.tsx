import type { Decorator, Meta, StoryObj } from '@storybook/react-vite';
import { expect, spyOn, waitFor, within } from 'storybook/test';
import { QueryClient } from '@tanstack/react-query';
import type { BalanceResponse } from '@okra-balance/core';
import { AccountBalance } from './AccountBalance.tsx';
import { BalanceProvider } from './BalanceProvider.tsx';
import { BASE_URL, fakeRoute } from './testing/fakeRoute.ts';
import { balance, balanceReply, job } from './testing/fixtures.ts';
import './styles.css';

const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();

/** Serves one balance reply (or a failure) from a fake route: stories never touch a network. */
function serving(reply: BalanceResponse | 'unreachable' | 'pending' | 'no-route'): Decorator {
  const route = fakeRoute((request) => {
    if (reply === 'pending') return new Promise<never>(() => undefined);
    if (reply === 'unreachable') return new TypeError('Failed to fetch');
    // What a framework answers where no balance route is mounted: its own 404 page.
    if (reply === 'no-route')
      return new Response('<!doctype html><h1>404</h1>', {
        status: 404,
        headers: { 'content-type': 'text/html' },
      });
    if (request.method === 'POST') return { status: 202, body: { job: job({ createdAt: minutesAgo(0) }) } };
    return { status: 200, body: reply };
  });
  // No retries: a story shows the state, not the three retries leading up to it.
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return (Story) => (
    <BalanceProvider baseUrl={BASE_URL} fetch={route.fetch} queryClient={queryClient} timing={{ retries: 0 }}>
      <Story />
    </BalanceProvider>
  );
}

const meta = {
  title: 'react/AccountBalance',
  component: AccountBalance,
  args: { accountId: 'acc-1', label: 'Ada Obi · GTBank ******6789' },
} satisfies Meta<typeof AccountBalance>;

export default meta;
type Story = StoryObj<typeof meta>;

const region = (canvasElement: HTMLElement) => canvasElement.querySelector('.ob-balance')!;
const figure = (canvasElement: HTMLElement, label: string) =>
  within(canvasElement).getByText(label).nextElementSibling;
const inState = (canvasElement: HTMLElement, state: string) =>
  waitFor(() => expect(region(canvasElement)).toHaveAttribute('data-state', state));

export const Fresh: Story = {
  decorators: [serving(balanceReply(balance({ asOf: minutesAgo(5) })))],
  play: async ({ canvasElement }) => {
    await inState(canvasElement, 'fresh');
    await expect(figure(canvasElement, 'Available balance')).toHaveTextContent('₦1,500.50');
    await expect(figure(canvasElement, 'Ledger balance')).toHaveTextContent('₦1,620.00');
    await expect(within(canvasElement).getByRole('button')).toHaveTextContent('Refresh balance');
  },
};

export const Loading: Story = {
  decorators: [serving('pending')],
  play: async ({ canvasElement }) => {
    await inState(canvasElement, 'loading');
    await expect(within(canvasElement).getByText('Loading balance…')).toBeVisible();
  },
};

export const Refreshing: Story = {
  decorators: [serving(balanceReply(balance({ asOf: minutesAgo(5) }), job({ createdAt: minutesAgo(0.2) })))],
  play: async ({ canvasElement }) => {
    await inState(canvasElement, 'refreshing');
    await expect(within(canvasElement).getByRole('status')).toHaveTextContent(/Refreshing… \d+ s/);
    await expect(figure(canvasElement, 'Available balance')).toHaveTextContent('₦1,500.50');
    await expect(region(canvasElement)).toHaveAttribute('aria-busy', 'true');
  },
};

export const Unchanged: Story = {
  decorators: [
    serving(
      balanceReply(
        balance({ asOf: minutesAgo(30), lastCheckedAt: minutesAgo(1) }),
        job({ state: 'unchanged', strategy: 'check-first', balanceChanged: false }),
      ),
    ),
  ],
  play: async ({ canvasElement }) => {
    await inState(canvasElement, 'unchanged');
    await expect(within(canvasElement).getByRole('status')).toHaveTextContent(
      'Checked with the bank: no change.',
    );
  },
};

export const Stale: Story = {
  decorators: [serving(balanceReply(balance({ asOf: minutesAgo(3 * 24 * 60 + 5) })))],
  play: async ({ canvasElement }) => {
    await inState(canvasElement, 'stale');
    await expect(within(canvasElement).getByRole('status')).toHaveTextContent('Last updated 3 days ago.');
    await expect(figure(canvasElement, 'Ledger balance')).toHaveTextContent('₦1,620.00');
  },
};

export const AvailableMissing: Story = {
  decorators: [serving(balanceReply(balance({ available: null, asOf: minutesAgo(5) })))],
  play: async ({ canvasElement }) => {
    await inState(canvasElement, 'fresh');
    await expect(figure(canvasElement, 'Available balance')).toHaveTextContent('Not reported by the bank');
    await expect(figure(canvasElement, 'Ledger balance')).toHaveTextContent('₦1,620.00');
  },
};

export const AvailableDerived: Story = {
  decorators: [serving(balanceReply(balance({ derived: true, available: 140_000, asOf: minutesAgo(5) })))],
  play: async ({ canvasElement }) => {
    await inState(canvasElement, 'fresh');
    await expect(figure(canvasElement, 'Available balance')).toHaveTextContent(
      '₦1,400.00 (estimated from the ledger and pending payments)',
    );
  },
};

export const Failed: Story = {
  decorators: [
    serving(
      balanceReply(
        balance({ asOf: minutesAgo(40) }),
        job({ state: 'failed', failure: { reason: 'bank_unavailable', message: 'bank did not answer' } }),
      ),
    ),
  ],
  play: async ({ canvasElement }) => {
    await inState(canvasElement, 'failed');
    await expect(within(canvasElement).getByRole('alert')).toHaveTextContent(
      'The bank is not answering right now. Try again later. Showing the last balance we have.',
    );
    await expect(figure(canvasElement, 'Available balance')).toHaveTextContent('₦1,500.50');
    await expect(within(canvasElement).getByRole('button')).toHaveTextContent('Try again');
  },
};

export const ServerUnreachable: Story = {
  decorators: [serving('unreachable')],
  play: async ({ canvasElement }) => {
    await inState(canvasElement, 'failed');
    await expect(within(canvasElement).getByRole('alert')).toHaveTextContent(
      'We could not reach the server. Check your connection, then try again.',
    );
    await expect(within(canvasElement).getByRole('button')).toHaveTextContent('Try again');
  },
};

/**
 * The base URL points where no route is mounted (a forgotten basePath, a typo): the person reads a sentence;
 * the developer's console, in development, names the URL, the 404, what answered, and the fix.
 */
export const RouteNotFound: Story = {
  decorators: [serving('no-route')],
  beforeEach: () => {
    const warn = spyOn(console, 'warn').mockImplementation(() => undefined);
    return () => warn.mockRestore();
  },
  play: async ({ canvasElement }) => {
    await inState(canvasElement, 'failed');
    await expect(within(canvasElement).getByRole('alert')).toHaveTextContent(
      'Something went wrong on our side. Try again in a moment.',
    );
    await expect(console.warn).toHaveBeenCalledTimes(1);
    await expect(console.warn).toHaveBeenCalledWith(
      expect.stringMatching(
        /GET http:\/\/127\.0\.0\.1:9\/api\/balance\/accounts\/acc-1\/balance answered 404 invalid_response: .*\(text\/html\)[\s\S]*basePath/,
      ),
    );
  },
};
