import type { Hono } from 'hono';
import { z } from 'zod';
import type { CreateLinkResponse, LinkSessionResponse, WidgetConfig } from '@okra-balance/core';
import { confirmLink } from '../linking/confirmLink.ts';
import { accountViews } from './accountView.ts';
import { ApiError } from './ApiError.ts';
import { rateLimit } from './rateLimit.ts';
import { readJsonBody } from './readJsonBody.ts';
import type { RouteDeps, RouteEnv } from './RouteDeps.ts';
import { startRefresh } from './startRefresh.ts';
import { isId } from '../store/ids.ts';
import { newLinkToken, sha256Hex } from '../secrets.ts';

const sessionBody = z.strictObject({ reauthAccountId: z.string().max(100).optional() });
const linkBody = z.strictObject({
  linkToken: z.string().min(8).max(200),
  customerId: z.string().min(1).max(200).optional(),
});

// A token the provider keeps answering "not found" for is not worth more upstream calls than this.
const MAX_LINK_ATTEMPTS = 10;

/** `POST /link-sessions` and `POST /links`: open the widget with a link token, then confirm it with the provider. */
export function linkRoutes(app: Hono<RouteEnv>, deps: RouteDeps): void {
  app.post('/link-sessions', rateLimit(deps.limiters.linkSessions, 'link sessions', deps.now), async (c) => {
    const { reauthAccountId } = await readJsonBody(c.req.raw, sessionBody, {
      maxBytes: deps.maxBodyBytes,
      allowEmpty: true,
      requireJsonType: true,
    });
    // Re-authentication: only of the user's own account, which the token is then bound to.
    const reconnect =
      reauthAccountId === undefined
        ? null
        : isId('acct', reauthAccountId)
          ? await deps.store.getAccount(c.get('user').id, reauthAccountId)
          : null;
    if (reauthAccountId !== undefined && reconnect === null) {
      throw new ApiError('not_found', 'No such account to reconnect');
    }
    const now = deps.now();
    const linkToken = newLinkToken();
    // The link's own webhook address: a page that opens the widget with a callback_url of its choosing, or
    // a leaked dashboard token, learns nothing that reaches this one.
    const hookKey = deps.publicUrl === null ? null : newLinkToken();
    const expiresAt = new Date(now.getTime() + deps.linkTokenTtlMs).toISOString();
    await deps.store.createLinkToken({
      tokenHash: await sha256Hex(linkToken),
      userId: c.get('user').id,
      createdAt: now.toISOString(),
      expiresAt,
      usedAt: null,
      hookHash: hookKey === null ? null : await sha256Hex(hookKey),
      reauthAccountId: reconnect?.id ?? null,
    });
    const widget: WidgetConfig = {
      key: deps.widget.publicKey,
      token: deps.widget.clientToken,
      env: deps.widget.env,
      products: ['auth', 'balance'],
      widgetOrigin: deps.provider.widgetOrigin,
      options: { linkToken },
    };
    if (reconnect !== null) {
      widget.reauth = { account: reconnect.providerAccountId, bank: reconnect.bank.id };
    }
    if (deps.widget.appId !== null) widget.appId = deps.widget.appId;
    if (deps.widget.name !== null) widget.name = deps.widget.name;
    if (hookKey !== null) {
      widget.callbackUrl = `${deps.publicUrl}/webhooks/${encodeURIComponent(deps.provider.id)}/${hookKey}`;
    }
    const body: LinkSessionResponse = { linkToken, expiresAt, widget };
    return c.json(body, 201);
  });

  app.post('/links', rateLimit(deps.limiters.links, 'link confirmations', deps.now), async (c) => {
    const input = await readJsonBody(c.req.raw, linkBody, {
      maxBytes: deps.maxBodyBytes,
      allowEmpty: false,
      requireJsonType: true,
    });
    if ((await deps.store.countLinkAttempt(await sha256Hex(input.linkToken))) > MAX_LINK_ATTEMPTS) {
      throw new ApiError('rate_limited', 'Too many tries for this link token: start a new link');
    }
    const release = deps.linkGate.enter();
    if (release === null) {
      throw new ApiError('provider_unavailable', 'Too many links are being confirmed: try again shortly', {
        'retry-after': '1',
      });
    }
    try {
      const { accounts, reconnected } = await confirmLink({
        store: deps.store,
        client: deps.client,
        providerId: deps.provider.id,
        unit: deps.provider.amountUnit,
        fallback: deps.linkFallback,
        userId: c.get('user').id,
        linkToken: input.linkToken,
        customerId: input.customerId ?? null,
        now: deps.now(),
      });
      deps.logger.info(reconnected ? 'account reconnected' : 'accounts linked', {
        userId: c.get('user').id,
        accounts: accounts.length,
      });
      // A reconnected account gets a fresh balance at once (joining one already under way).
      for (const account of reconnected ? accounts : []) await startRefresh(deps, account);
      const body: CreateLinkResponse = { accounts: await accountViews(deps, accounts) };
      return c.json(body, 201);
    } finally {
      release();
    }
  });
}
