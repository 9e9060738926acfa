import type { CreateLinkResponse, LinkedAccount } from '@okra-balance/core';
import { BalanceApiError } from './BalanceApiError.ts';
import type { RouteConnection } from './RouteConnection.ts';
import { accountsKey } from './balanceKeys.ts';
import { requestJson } from './requestJson.ts';

/**
 * Tells the server the widget finished (`POST /links`); the server asks the provider which accounts were
 * linked under the token, so nothing from the widget's message is trusted. Then refreshes the accounts list.
 */
export async function confirmLink(
  { config, client, timing }: RouteConnection,
  linkToken: string,
): Promise<LinkedAccount[]> {
  for (let attempt = 0; ; attempt++) {
    try {
      const { accounts } = await requestJson<CreateLinkResponse>(config, {
        path: '/links',
        method: 'POST',
        body: { linkToken },
        expect: 'accounts',
      });
      void client.invalidateQueries({ queryKey: accountsKey(config.baseUrl) });
      return accounts;
    } catch (error) {
      // The provider may still be writing the record; the server keeps the token usable, so ask again.
      if (!(error instanceof BalanceApiError && error.code === 'link_not_found')) throw error;
      if (attempt >= timing.linkRetries) throw error;
      await new Promise((resolve) => setTimeout(resolve, timing.linkRetryMs * 2 ** attempt));
    }
  }
}
