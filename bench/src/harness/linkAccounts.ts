import {
  maskNuban,
  type CreateLinkResponse,
  type LinkedAccount,
  type LinkSessionResponse,
} from '@okra-balance/core';
import type { Sandbox } from '@okra-balance/sandbox';
import type { RouteClient } from './routeClient.ts';

/** A linked account with the provider's id for it, to read the sandbox's per-account counts. */
export interface BenchAccount extends LinkedAccount {
  providerAccountId: string;
}

/**
 * Links `count` sandbox accounts for the client's user the way the widget does: a link session from the
 * route, the provider-side login (five accounts at most per login), then `POST /links`.
 *
 * @example
 * const accounts = await linkAccounts(client, sandbox, 10);
 */
export async function linkAccounts(
  client: RouteClient,
  sandbox: Pick<Sandbox, 'linkAccount'>,
  count: number,
): Promise<BenchAccount[]> {
  const linked: BenchAccount[] = [];
  while (linked.length < count) {
    const session = await client.request<LinkSessionResponse>('POST', '/link-sessions', {});
    if (session.status !== 201)
      throw new Error(`POST /link-sessions answered ${session.status}: ${session.text}`);
    const { linkToken } = session.body;
    const upstream = await sandbox.linkAccount({
      options: { linkToken },
      accounts: Math.min(5, count - linked.length),
    });
    const link = await client.request<CreateLinkResponse>('POST', '/links', { linkToken });
    if (link.status !== 201) throw new Error(`POST /links answered ${link.status}: ${link.text}`);
    for (const account of link.body.accounts) {
      const match = upstream.accounts.find((candidate) => maskNuban(candidate.nuban) === account.maskedNuban);
      if (match === undefined) throw new Error(`No sandbox account matches ${account.maskedNuban}`);
      linked.push({ ...account, providerAccountId: match._id });
    }
  }
  return linked;
}
