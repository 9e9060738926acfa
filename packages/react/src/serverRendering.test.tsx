// @vitest-environment node
import { renderToString } from 'react-dom/server';
import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it, vi } from 'vitest';
import {
  AccountBalance,
  balanceQueryOptions,
  BalanceProvider,
  ConnectBalance,
  loadOkra,
  preloadOkra,
  useConnectBalance,
} from './index.ts';
import { BASE_URL, fakeRoute } from './testing/fakeRoute.ts';
import { balanceReply } from './testing/fixtures.ts';

// Counts evaluations of okra-js: on a server it must never be imported at all.
const okraImports = vi.hoisted(() => ({ count: 0 }));
vi.mock('okra-js', () => {
  okraImports.count += 1;
  return { default: {} };
});
// Nor the widget's lazily loaded code.
const kitImports = vi.hoisted(() => ({ count: 0 }));
vi.mock('./showWidget.ts', () => {
  kitImports.count += 1;
  return {};
});

describe('server rendering', () => {
  it('renders a disabled button, and never imports okra-js or the widget code', async () => {
    expect(typeof document).toBe('undefined');
    const html = renderToString(<ConnectBalance publicKey="pk_1" token="ct_1" env="production" />);
    expect(html).toMatch(/<button[^>]*disabled=""[^>]*>Link your bank account<\/button>/);
    preloadOkra();
    expect(await loadOkra()).toBeNull();
    function Hook() {
      const state = useConnectBalance({ publicKey: 'pk_1', token: 'ct_1', env: 'production' });
      return (
        <output>
          {JSON.stringify({ ready: state.ready, status: state.status, canOpen: state.canOpen })}
        </output>
      );
    }
    expect(renderToString(<Hook />)).toContain(
      '{&quot;ready&quot;:false,&quot;status&quot;:&quot;idle&quot;,&quot;canOpen&quot;:true}',
    );
    expect(okraImports.count).toBe(0);
    expect(kitImports.count).toBe(0);
  });

  it('renders a provider tree with a balance prefetched through balanceQueryOptions', async () => {
    const route = fakeRoute(() => ({ status: 200, body: balanceReply() }));
    const queryClient = new QueryClient();
    await queryClient.prefetchQuery(balanceQueryOptions({ baseUrl: BASE_URL, fetch: route.fetch }, 'acc-1'));
    const html = renderToString(
      <BalanceProvider baseUrl={BASE_URL} fetch={route.fetch} queryClient={queryClient}>
        <ConnectBalance />
        <AccountBalance accountId="acc-1" />
      </BalanceProvider>,
    );
    expect(html).toContain('₦1,500.50');
    expect(html).toContain('₦1,620.00');
    expect(html).toMatch(/<button[^>]*disabled=""/);
    // Only the prefetch reached the route: rendering asks nothing, and no link session was started.
    expect(route.sent.map((request) => `${request.method} ${request.path}`)).toEqual([
      'GET /accounts/acc-1/balance',
    ]);
    expect(okraImports.count).toBe(0);
    expect(kitImports.count).toBe(0);
  });

  it('renders the loading state when nothing was prefetched', () => {
    const html = renderToString(
      <BalanceProvider baseUrl={BASE_URL}>
        <AccountBalance accountId="acc-1" />
      </BalanceProvider>,
    );
    expect(html).toContain('data-state="loading"');
    expect(html).toContain('Loading balance…');
  });
});
