import type { AccountDoc, LinkDoc } from './docs.ts';
import { freshLink } from './linkPolicy.ts';
import type { ExpiredLinkStatus, LinkReplyShape, LinkState } from './linkStates.ts';
import type { SandboxStore } from './store.ts';

/**
 * What `expireLink` and `POST /__sandbox/accounts/:id/expire` take; both fields default to the
 * `links` options (`expireStatus`; the account's shape, which is `expireShape` unless set).
 *
 * @example
 * sandbox.expireLink(accountId, { status: 'token_required', shape: 'callback-status' });
 */
export interface ExpireLinkInput {
  status?: ExpiredLinkStatus;
  shape?: LinkReplyShape;
}

/**
 * The life of each account's link: billed calls that wear it out, expiry on demand, and the
 * re-authentication that restores it. The status itself lives on the account, so it is saved with it.
 */
export class LinkBook {
  constructor(
    private readonly store: SandboxStore,
    private readonly onChange: () => void = () => undefined,
  ) {}

  /** The account's link as clients see it, or undefined for an unknown account. */
  state(accountId: string): LinkState | undefined {
    const account = this.store.accounts.get(accountId);
    return account === undefined ? undefined : view(this.store.link(account));
  }

  /**
   * A billed call (refresh or check) on the account. Returns the link the call meets: while it is active the
   * call goes through and counts, and the call that reaches `expireAfterRefreshes` is the last that does.
   */
  bill(account: AccountDoc): LinkDoc {
    const link = this.store.link(account);
    if (link.status !== 'active') return link;
    const policy = this.store.linkPolicy;
    const counted = { ...link, billedCalls: link.billedCalls + 1 };
    const worn = policy.expireAfterRefreshes !== null && counted.billedCalls >= policy.expireAfterRefreshes;
    account.link = worn
      ? { ...counted, status: policy.expireStatus, shape: policy.expireShape, since: this.store.isoNow() }
      : counted;
    this.onChange();
    return counted;
  }

  /** Expires the account's link now, or returns undefined for an unknown account. */
  expire(accountId: string, input: ExpireLinkInput = {}): LinkState | undefined {
    const account = this.store.accounts.get(accountId);
    if (account === undefined) return undefined;
    const link = this.store.link(account);
    account.link = {
      status: input.status ?? this.store.linkPolicy.expireStatus,
      shape: input.shape ?? link.shape,
      since: this.store.isoNow(),
      billedCalls: link.billedCalls,
    };
    this.onChange();
    return view(account.link);
  }

  /** The user signed in again: the link is active, its clock and call count start over. */
  restore(account: AccountDoc): LinkState {
    account.link = freshLink(this.store.linkPolicy, this.store.isoNow());
    this.onChange();
    return view(account.link);
  }
}

function view(link: LinkDoc): LinkState {
  return { status: link.status, shape: link.shape, since: link.since };
}
