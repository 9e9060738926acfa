import { useState, type ReactNode } from 'react';
import type { Decorator, Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, spyOn, waitFor, within } from 'storybook/test';
import { QueryClient } from '@tanstack/react-query';
import type { LinkHealth } from '@okra-balance/core';
import { AccountBalance } from './AccountBalance.tsx';
import { BalanceProvider } from './BalanceProvider.tsx';
import { linkedPayload, postAsWidget, storyOkra, storyWidget } from './stories/storyOkra.ts';
import { BASE_URL } from './testing/fakeRoute.ts';
import { needsReauth, reauthRoute } from './testing/reauthRoute.ts';
import './styles.css';

const okra = storyOkra();

/**
 * A route that behaves as the server does for a link that needs its user, fresh for each story. With
 * `breaks`, the link breaks right after the first answer: the card read it healthy, the server no longer is.
 */
function OnRoute({ health, breaks, children }: { health: LinkHealth; breaks: boolean; children: ReactNode }) {
  const [fetch] = useState(() => {
    const route = reauthRoute({ widget: storyWidget, health: { 'acc-1': health } });
    const answer: typeof globalThis.fetch = async (input, init) => {
      const response = await route.fetch(input, init);
      if (breaks) route.health['acc-1'] = needsReauth('token_required');
      return response;
    };
    return answer;
  });
  const [queryClient] = useState(() => new QueryClient({ defaultOptions: { queries: { retry: false } } }));
  return (
    <BalanceProvider baseUrl={BASE_URL} fetch={fetch} queryClient={queryClient} timing={{ retries: 0 }}>
      {children}
    </BalanceProvider>
  );
}

const serving =
  (health: LinkHealth, breaks = false): Decorator =>
  (Story) => (
    <OnRoute health={health} breaks={breaks}>
      <Story />
    </OnRoute>
  );

const meta = {
  title: 'react/AccountBalance/Reconnect',
  component: AccountBalance,
  args: {
    accountId: 'acc-1',
    label: 'Ada Obi · GTBank ******6789',
    reconnect: { loader: () => Promise.resolve(okra), onLinked: fn() },
  },
  decorators: [serving(needsReauth('token_required'))],
} satisfies Meta<typeof AccountBalance>;

export default meta;
type Story = StoryObj<typeof meta>;

const region = (canvasElement: HTMLElement) => canvasElement.querySelector('.ob-balance')!;
const inState = (canvasElement: HTMLElement, state: string) =>
  waitFor(() => expect(region(canvasElement)).toHaveAttribute('data-state', state));
const button = (canvasElement: HTMLElement) => within(canvasElement).getByRole('button');
const widget = () => document.querySelector<HTMLIFrameElement>('iframe[title="Reconnect your bank account"]');

/** The bank asks for a one-time code: the card says so, keeps the last balance, and offers Reconnect. */
export const NeedsOneTimeCode: Story = {
  play: async ({ canvasElement }) => {
    await inState(canvasElement, 'reauth');
    await expect(within(canvasElement).getByRole('alert')).toHaveTextContent(
      'Your bank needs a one-time code to keep sharing this balance. Reconnect to enter it.',
    );
    await expect(within(canvasElement).getByRole('status')).toHaveTextContent(/it may be out of date\.$/);
    await expect(within(canvasElement).getByText('Ledger balance').nextElementSibling).toHaveTextContent(
      '₦1,620.00',
    );
    await expect(button(canvasElement)).toHaveTextContent('Reconnect');
  },
};

/** The saved password no longer works at the bank. */
export const NeedsNewPassword: Story = {
  decorators: [serving(needsReauth('invalid_credentials'))],
  play: async ({ canvasElement }) => {
    await inState(canvasElement, 'reauth');
    await expect(within(canvasElement).getByRole('alert')).toHaveTextContent(
      /no longer accepts the saved sign-in details/,
    );
    await expect(button(canvasElement)).toHaveTextContent('Reconnect');
  },
};

/** The card showed a healthy link, but the server refused the refresh with 409 `needs_reauth`. */
export const RefreshRefused: Story = {
  decorators: [serving({ state: 'ok' }, true)],
  beforeEach: () => {
    const warn = spyOn(console, 'warn').mockImplementation(() => undefined);
    return () => warn.mockRestore();
  },
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(button(canvasElement)).toHaveTextContent('Refresh balance'));
    button(canvasElement).click();
    await inState(canvasElement, 'reauth');
    await expect(within(canvasElement).getByRole('alert')).toHaveTextContent(
      'The bank needs you to sign in again. Reconnect the account to refresh it.',
    );
    await expect(button(canvasElement)).toHaveTextContent('Reconnect');
  },
};

/** The widget is open for this account: the card waits, and its button says so. */
export const Reconnecting: Story = {
  play: async ({ canvasElement }) => {
    await inState(canvasElement, 'reauth');
    button(canvasElement).click();
    await waitFor(() => expect(widget()).not.toBeNull());
    await inState(canvasElement, 'reconnecting');
    await expect(button(canvasElement)).toHaveAttribute('aria-busy', 'true');
    await expect(button(canvasElement)).toHaveTextContent('Reconnecting…');
    await expect(within(canvasElement).getByRole('status')).toHaveTextContent(/^Reconnecting to your bank…/);
  },
};

/** Signed in again: the server confirmed the link, the card reads it again and says it is healthy. */
export const Reconnected: Story = {
  play: async ({ canvasElement, args }) => {
    await inState(canvasElement, 'reauth');
    button(canvasElement).click();
    await waitFor(() => expect(widget()).not.toBeNull());
    postAsWidget(linkedPayload);
    await waitFor(() => expect(args.reconnect?.onLinked).toHaveBeenCalledTimes(1));
    postAsWidget({ close: true });
    await inState(canvasElement, 'reconnected');
    await expect(within(canvasElement).getByRole('status')).toHaveTextContent(
      'Reconnected. Refresh to see the latest balance.',
    );
    await expect(within(canvasElement).queryByRole('alert')).toBeNull();
    await expect(button(canvasElement)).toHaveTextContent('Refresh balance');
    await expect(button(canvasElement)).toHaveFocus();
  },
};

/** A healthy account on a 12-hour schedule says so, quietly. */
export const ScheduleOn: Story = {
  decorators: [serving({ state: 'ok' })],
  args: { schedule: { everyHours: 12, source: 'route', nextAt: null } },
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(within(canvasElement).getByText('Refreshes every 12 h.')).toBeVisible());
  },
};

/** Without a schedule, nothing is said about one. */
export const ScheduleOff: Story = {
  decorators: [serving({ state: 'ok' })],
  args: { schedule: { everyHours: null, source: 'account', nextAt: null } },
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(button(canvasElement)).toHaveTextContent(/Refresh balance/));
    await expect(within(canvasElement).queryByText(/Refreshes every/)).toBeNull();
  },
};
