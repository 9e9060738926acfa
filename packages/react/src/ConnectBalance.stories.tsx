import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, spyOn, userEvent, waitFor, within } from 'storybook/test';
import { BalanceProvider } from './BalanceProvider.tsx';
import { ConnectBalance, type ConnectBalanceProps } from './ConnectBalance.tsx';
import { linkedPayload, postAsWidget, storyOkra, storyWidget } from './stories/storyOkra.ts';
import { apiError, BASE_URL, fakeRoute } from './testing/fakeRoute.ts';
import { account } from './testing/fixtures.ts';

const okra = storyOkra();
const deadOkra = storyOkra({ loads: false });
const never = () => new Promise<never>(() => undefined);

/** The story's callbacks and loader, without widget options: under `<BalanceProvider>` the server has them. */
function serverArgs({ onSuccess, onClose, onError, onEvent, onLinked, loader }: ConnectBalanceProps) {
  return { onSuccess, onClose, onError, onEvent, onLinked, loader };
}

const meta = {
  title: 'react/ConnectBalance',
  component: ConnectBalance,
  args: {
    publicKey: 'pk_test_demo',
    token: 'ct_demo',
    env: 'production-sandbox',
    widgetOrigin: window.location.origin,
    loader: () => Promise.resolve(okra),
    onSuccess: fn(),
    onClose: fn(),
    onError: fn(),
    onEvent: fn(),
  },
} satisfies Meta<typeof ConnectBalance>;

export default meta;
type Story = StoryObj<typeof meta>;

const button = (canvasElement: HTMLElement) => within(canvasElement).getByRole('button');
const widget = () => document.querySelector<HTMLIFrameElement>('iframe[title="Link your bank account"]');

export const Idle: Story = {
  play: async ({ canvasElement }) => {
    await expect(button(canvasElement)).toBeEnabled();
    await expect(button(canvasElement)).toHaveAttribute('aria-busy', 'false');
    await expect(button(canvasElement)).toHaveTextContent('Link your bank account');
  },
};

/** okra-js is still downloading: the button says it is busy but keeps focus. */
export const Loading: Story = {
  args: { loader: never },
  play: async ({ canvasElement }) => {
    button(canvasElement).click();
    await waitFor(() => expect(button(canvasElement)).toHaveAttribute('aria-busy', 'true'));
    await expect(button(canvasElement)).toHaveAttribute('data-state', 'loading');
    await expect(button(canvasElement)).toHaveFocus();
    await expect(widget()).toBeNull();
  },
};

/** With a backend: the server is preparing the link session. */
export const Opening: Story = {
  // Without a public key, the component asks the server for the widget.
  render: (args) => {
    const route = fakeRoute(never);
    return (
      <BalanceProvider baseUrl={BASE_URL} fetch={route.fetch}>
        <ConnectBalance {...serverArgs(args)} />
      </BalanceProvider>
    );
  },
  play: async ({ canvasElement }) => {
    button(canvasElement).click();
    await waitFor(() => expect(button(canvasElement)).toHaveAttribute('aria-busy', 'true'));
    await expect(widget()).toBeNull();
  },
};

export const Open: Story = {
  play: async ({ canvasElement }) => {
    button(canvasElement).click();
    await waitFor(() => expect(widget()).not.toBeNull());
    await expect(button(canvasElement)).toHaveAttribute('data-state', 'open');
    await expect(button(canvasElement)).toHaveAttribute('aria-disabled', 'true');
    await expect(document.querySelectorAll('iframe')).toHaveLength(1);
  },
};

export const Success: Story = {
  play: async ({ canvasElement, args }) => {
    button(canvasElement).click();
    await waitFor(() => expect(widget()).not.toBeNull());
    postAsWidget(linkedPayload);
    await waitFor(() => expect(args.onSuccess).toHaveBeenCalledTimes(1));
    await expect(args.onSuccess).toHaveBeenCalledWith(
      {
        customerId: 'cus_demo',
        bank: { id: 'gtb', name: 'GTBank' },
        accounts: [{ id: 'acc_demo', name: 'Ada Obi', maskedNuban: '******6789', currency: 'NGN' }],
        recordId: 'rec_demo',
      },
      linkedPayload,
    );
    postAsWidget({ close: true });
    await waitFor(() => expect(args.onClose).toHaveBeenCalledWith({ linked: true }));
    await expect(widget()).toBeNull();
    await expect(button(canvasElement)).toHaveFocus();
  },
};

export const Cancelled: Story = {
  play: async ({ canvasElement, args }) => {
    button(canvasElement).click();
    await waitFor(() => expect(widget()).not.toBeNull());
    postAsWidget({ close: true });
    await waitFor(() => expect(args.onClose).toHaveBeenCalledWith({ linked: false }));
    await expect(args.onSuccess).not.toHaveBeenCalled();
    await expect(document.getElementById('story-okra-overlay')).toBeNull();
    await expect(button(canvasElement)).toHaveFocus();
  },
};

export const WidgetError: Story = {
  name: 'Error',
  play: async ({ canvasElement, args }) => {
    button(canvasElement).click();
    await waitFor(() => expect(widget()).not.toBeNull());
    postAsWidget({ error: true, message: 'Wrong credentials, 3 attempts' });
    const alert = await within(canvasElement).findByRole('alert');
    await expect(alert).toHaveTextContent('Wrong credentials, 3 attempts');
    await expect(args.onError).toHaveBeenCalledWith(expect.objectContaining({ code: 'widget_error' }));
  },
};

/** A wrong option is named on render, before anyone clicks, and nothing opens. */
export const InvalidOptions: Story = {
  args: { env: 'sandbox' as never },
  play: async ({ canvasElement, args }) => {
    const alert = within(canvasElement).getByRole('alert');
    await expect(alert).toHaveTextContent('"env" must be "production" or "production-sandbox"');
    button(canvasElement).click();
    await waitFor(() => expect(args.onError).toHaveBeenCalledTimes(1));
    await expect(widget()).toBeNull();
  },
};

/** With a backend: session from the server, then the server confirms what the provider linked. */
export const LinkedThroughServer: Story = {
  args: { onLinked: fn() },
  render: (args) => {
    const route = fakeRoute((request) =>
      request.path === '/link-sessions'
        ? {
            status: 201,
            body: {
              linkToken: 'lt_demo',
              expiresAt: new Date(Date.now() + 900_000).toISOString(),
              widget: { ...storyWidget, options: { linkToken: 'lt_demo' } },
            },
          }
        : { status: request.method === 'POST' ? 201 : 200, body: { accounts: [account()] } },
    );
    return (
      <BalanceProvider baseUrl={BASE_URL} fetch={route.fetch}>
        <ConnectBalance {...serverArgs(args)} />
      </BalanceProvider>
    );
  },
  play: async ({ canvasElement, args }) => {
    button(canvasElement).click();
    await waitFor(() => expect(widget()).not.toBeNull());
    postAsWidget(linkedPayload);
    await waitFor(() => expect(args.onLinked).toHaveBeenCalledWith([account()]));
    postAsWidget({ close: true });
    await waitFor(() => expect(widget()).toBeNull());
  },
};

/** A widget origin with a path: named on render, without a hover or a click, and okra-js is never loaded. */
export const InvalidWidgetOrigin: Story = {
  args: { widgetOrigin: `${window.location.origin}/widget`, loader: fn(() => Promise.resolve(okra)) },
  play: async ({ canvasElement, args }) => {
    await expect(within(canvasElement).getByRole('alert')).toHaveTextContent(
      '"widgetOrigin" must be an origin',
    );
    await expect(args.loader).not.toHaveBeenCalled();
  },
};

/**
 * The widget's origin serves nothing: the iframe would sit over the page with the browser's error page.
 * After `loadTimeoutMs` it is removed, focus is back on the button, and the person is told why.
 */
export const WidgetNeverLoads: Story = {
  args: { loader: () => Promise.resolve(deadOkra), loadTimeoutMs: 300 },
  play: async ({ canvasElement, args }) => {
    const warn = spyOn(console, 'warn').mockImplementation(() => undefined);
    button(canvasElement).click();
    await waitFor(() => expect(widget()).not.toBeNull());
    const alert = await within(canvasElement).findByRole('alert');
    await expect(alert).toHaveTextContent(
      'The bank widget did not load. Check your connection, then try again.',
    );
    await expect(args.onError).toHaveBeenCalledWith(expect.objectContaining({ code: 'widget_load_timeout' }));
    await expect(args.onClose).toHaveBeenCalledWith({ linked: false });
    await expect(widget()).toBeNull();
    await expect(button(canvasElement)).toHaveFocus();
    await expect(warn).toHaveBeenCalledWith(expect.stringContaining('did not say it had loaded'));
  },
};

/** Escape closes a widget that has not loaded: focus is still on the page, so the key reaches it. */
export const EscapeWhileLoading: Story = {
  args: { loader: () => Promise.resolve(deadOkra) },
  play: async ({ canvasElement, args }) => {
    await userEvent.click(button(canvasElement));
    await waitFor(() => expect(widget()).not.toBeNull());
    await expect(button(canvasElement)).toHaveFocus();
    await userEvent.keyboard('{Escape}');
    await waitFor(() => expect(args.onClose).toHaveBeenCalledWith({ linked: false }));
    await expect(widget()).toBeNull();
    await expect(args.onError).not.toHaveBeenCalled();
  },
};

/** Two buttons on one page: the first click takes the page's one widget, the other button waits for it. */
export const OneWidgetPerPage: Story = {
  render: (args) => (
    <div style={{ display: 'flex', gap: '1em' }}>
      <ConnectBalance {...args}>Link a bank</ConnectBalance>
      <ConnectBalance {...args}>Link another bank</ConnectBalance>
    </div>
  ),
  play: async ({ canvasElement, args }) => {
    const [first, second] = within(canvasElement).getAllByRole('button');
    first!.click();
    second!.click();
    await waitFor(() => expect(widget()).not.toBeNull());
    await expect(document.querySelectorAll('iframe')).toHaveLength(1);
    await expect(first).toHaveAttribute('data-state', 'open');
    await expect(second).toHaveAttribute('aria-disabled', 'true');
    postAsWidget({ close: true });
    await waitFor(() => expect(second).toHaveAttribute('aria-disabled', 'false'));
    await expect(args.onClose).toHaveBeenCalledTimes(1);
  },
};

/**
 * With a backend that refuses the page (a 403 `cross_site_request`): the person reads a sentence; the
 * developer's console, in development, names the call, the status, the code and the fix.
 */
export const ServerRefusesThePage: Story = {
  render: (args) => {
    const route = fakeRoute(() =>
      apiError(403, 'cross_site_request', 'Cross-site requests cannot change anything here'),
    );
    return (
      <BalanceProvider baseUrl={BASE_URL} fetch={route.fetch} timing={{ retries: 0 }}>
        <ConnectBalance {...serverArgs(args)} />
      </BalanceProvider>
    );
  },
  play: async ({ canvasElement, args }) => {
    const warn = spyOn(console, 'warn').mockImplementation(() => undefined);
    button(canvasElement).click();
    const alert = await within(canvasElement).findByRole('alert');
    await expect(alert).toHaveTextContent('Something went wrong on our side. Try again in a moment.');
    await expect(args.onError).toHaveBeenCalledWith(expect.objectContaining({ code: 'link_session_failed' }));
    await expect(warn).toHaveBeenCalledTimes(1);
    await expect(warn).toHaveBeenCalledWith(
      expect.stringMatching(
        /POST http:\/\/127\.0\.0\.1:9\/api\/balance\/link-sessions answered 403 cross_site_request[\s\S]*allowedOrigins/,
      ),
    );
  },
};
