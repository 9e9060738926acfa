import type {
  BalanceResponse,
  LinkHealth,
  LinkSessionRequest,
  LinkSessionResponse,
  ReauthReason,
  WidgetConfig,
} from '@okra-balance/core';
import { apiError, fakeRoute, type SentRequest } from './fakeRoute.ts';
import { account, balance, job } from './fixtures.ts';

/** Our account ids and the provider's ids of their links (account, bank), as a server keeps them. */
export const PROVIDER_LINKS: Record<string, { account: string; bank: string }> = {
  'acc-1': { account: 'okra-acc-111', bank: 'okra-bank-gtb' },
  'acc-2': { account: 'okra-acc-222', bank: 'okra-bank-zenith' },
};

export const needsReauth = (reason: ReauthReason): LinkHealth => ({
  state: 'needs_reauth',
  reason,
  message: `provider said ${reason}`,
  since: '2026-11-21T08:00:00.000Z',
});

interface ReauthRouteOptions {
  /** The widget the server hands out (its key, token and origin); the session adds its link token and reauth. */
  widget: Omit<WidgetConfig, 'options' | 'reauth'>;
  /** Each account's health to start with; an account absent here does not exist. */
  health: Record<string, LinkHealth>;
  /** `POST /links` answers this when given, instead of confirming. */
  failLinks?: () => ReturnType<typeof apiError>;
  /** The provider's ids of each account's link. Default {@link PROVIDER_LINKS}. */
  links?: Record<string, { account: string; bank: string }>;
}

/**
 * A fake balance route that behaves as the server does for links that need their user: a refresh of such an
 * account is refused with 409 `needs_reauth`; a link session for `reauthAccountId` carries that account's
 * provider ids; confirming that session makes the account healthy again, under the same id. `health` is live:
 * tests read it.
 */
export function reauthRoute({ widget, health, failLinks, links = PROVIDER_LINKS }: ReauthRouteOptions) {
  const sessions = new Map<string, string | undefined>();
  const route = fakeRoute((request: SentRequest) => {
    const [, , id, action] = request.path.split('/');
    if (request.method === 'POST' && request.path === '/link-sessions') {
      const { reauthAccountId } = request.body as LinkSessionRequest;
      if (reauthAccountId !== undefined && !health[reauthAccountId]) return apiError(404, 'not_found');
      const linkToken = `lt_${sessions.size + 1}`;
      sessions.set(linkToken, reauthAccountId);
      const reauth = reauthAccountId === undefined ? {} : { reauth: links[reauthAccountId]! };
      const body: LinkSessionResponse = {
        linkToken,
        expiresAt: new Date(Date.now() + 900_000).toISOString(),
        widget: { ...widget, options: { linkToken }, ...reauth },
      };
      return { status: 201, body };
    }
    if (request.method === 'POST' && request.path === '/links') {
      if (failLinks) return failLinks();
      const { linkToken } = request.body as { linkToken: string };
      if (!sessions.has(linkToken)) return apiError(400, 'link_token_invalid');
      // A reconnect keeps the account's id; a new link makes a new account.
      const accountId = sessions.get(linkToken) ?? 'acc-new';
      health[accountId] = { state: 'ok' };
      return { status: 201, body: { accounts: [account({ id: accountId, health: health[accountId] })] } };
    }
    const current = id === undefined ? undefined : health[id];
    if (current === undefined) return apiError(404, 'not_found');
    if (request.method === 'GET' && action === 'balance') {
      const body: BalanceResponse = { accountId: id!, balance: balance(), job: null, health: current };
      return { status: 200, body };
    }
    if (request.method === 'GET' && action === 'history') {
      return { status: 200, body: { accountId: id, snapshots: [], outages: [] } };
    }
    if (request.method === 'POST' && action === 'refresh') {
      if (current.state === 'needs_reauth') return apiError(409, 'needs_reauth', 'the link needs its user');
      return { status: 202, body: { job: job({ accountId: id!, createdAt: new Date().toISOString() }) } };
    }
    return apiError(404, 'not_found');
  });
  return { ...route, health };
}
