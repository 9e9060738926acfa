import type { LinkedAccount, LinkSessionResponse, WidgetConfig } from '@okra-balance/core';
import type { RouteConnection } from './RouteConnection.ts';
import { confirmLink } from './confirmLink.ts';
import { ConnectBalanceError } from './ConnectBalanceError.ts';
import { describeApiError } from './describeApiError.ts';
import { requestJson } from './requestJson.ts';

/** A link the server started: the widget to open, and how to report that it finished. */
export interface LinkSession {
  /** Checked and turned into okra-js options when the widget opens (`widgetFromSession`). */
  widget: WidgetConfig;
  /** Asks the server to store what the provider linked under this session's token. */
  confirm: () => Promise<LinkedAccount[]>;
}

/**
 * Asks the route for a link session (`POST /link-sessions`): the widget config and a single-use link token,
 * so the page never holds a secret. `<BalanceProvider>` hands this to `<ConnectBalance />`; apps without a
 * backend never load it.
 */
export async function startLink(context: RouteConnection): Promise<LinkSession> {
  let session: LinkSessionResponse;
  try {
    session = await requestJson<LinkSessionResponse>(context.config, {
      path: '/link-sessions',
      method: 'POST',
      body: {},
      expect: 'widget',
    });
  } catch (cause) {
    throw new ConnectBalanceError('link_session_failed', describeApiError(cause), cause);
  }
  return {
    widget: session.widget,
    confirm: () =>
      confirmLink(context, session.linkToken).catch((cause: unknown) => {
        throw new ConnectBalanceError('link_failed', describeApiError(cause), cause);
      }),
  };
}
