import type {
  LinkedAccount,
  LinkSessionRequest,
  LinkSessionResponse,
  WidgetConfig,
} from '@okra-balance/core';
import type { RouteConnection } from './RouteConnection.ts';
import { accountKey } from './balanceKeys.ts';
import { confirmLink } from './confirmLink.ts';
import { ConnectBalanceError } from './ConnectBalanceError.ts';
import { describeApiError } from './describeApiError.ts';
import { requestJson } from './requestJson.ts';

/** A link the server started: the widget to open, and how to report that it finished. */
export interface LinkSession {
  /** Checked and turned into okra-js options when the widget opens (`showWidget`). */
  widget: WidgetConfig;
  /** Asks the server to store what the provider linked under this session's token. */
  confirm: () => Promise<LinkedAccount[]>;
}

/** What a link session is for: a new link, or (with `reauthAccountId`) one account's re-authentication. */
export interface LinkRequest {
  reauthAccountId?: string | undefined;
}

/**
 * Asks the route for a link session (`POST /link-sessions`): the widget config and a single-use link token,
 * so the page never holds a secret. `<BalanceProvider>` hands this to `<ConnectBalance />` (which passes its
 * options as the request); apps without a backend never load it.
 */
export async function startLink(
  context: RouteConnection,
  { reauthAccountId }: LinkRequest,
): Promise<LinkSession> {
  const body: LinkSessionRequest = reauthAccountId === undefined ? {} : { reauthAccountId };
  let session: LinkSessionResponse;
  try {
    session = await requestJson<LinkSessionResponse>(context.config, {
      path: '/link-sessions',
      method: 'POST',
      body,
      expect: 'widget',
    });
  } catch (cause) {
    throw new ConnectBalanceError('link_session_failed', describeApiError(cause), cause);
  }
  return {
    widget: session.widget,
    confirm: async () => {
      try {
        const accounts = await confirmLink(context, session.linkToken);
        // A reconnected account keeps its id: its balance (with the health that said it needed its user) and
        // history are read again before `onLinked`, so a card that shows it is healthy by then.
        if (reauthAccountId !== undefined) {
          const queryKey = accountKey(context.config.baseUrl, reauthAccountId);
          await context.client.invalidateQueries({ queryKey });
        }
        return accounts;
      } catch (cause) {
        throw new ConnectBalanceError('link_failed', describeApiError(cause), cause);
      }
    },
  };
}
