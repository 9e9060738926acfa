import type { AccountsResponse } from '@okra-balance/core';
import type { StoredAccount } from '../store/Store.ts';
import type { StoreEvent } from '../store/StoreEvent.ts';
import { accountViews, balanceView } from './accountView.ts';
import type { RouteDeps } from './RouteDeps.ts';
import type { SseStream } from './sseStream.ts';

// The user's list, as a key beside the upstream keys in the stream's to-do map.
const LIST = '\u0000accounts';
// Commits in several processes can announce their events out of order: a resume re-sends the state of what
// changed in this many events before the client's last id (sending a state twice is harmless).
const RESUME_MARGIN = 1000;
/** Sent as `retry:` so a dropped browser reconnects soon, with its last id. */
const RETRY_MS = 3_000;

/**
 * Feeds one user's stream: `ready` first (after replaying what a resuming client missed), then the state of
 * each account of theirs the moment it changes, and their list when it changes. Changes are coalesced per
 * account: a client that falls behind gets the newest state once, not every step in between.
 */
export async function runUserEvents(
  deps: Pick<RouteDeps, 'store' | 'logger' | 'schedule'>,
  userId: string,
  lastId: number | null,
  stream: SseStream,
  keepAliveMs: number,
): Promise<void> {
  const { store } = deps;
  const dirty = new Map<string, number>();
  let wake: (() => void) | null = null;
  let accounts: StoredAccount[] = [];
  let keys = new Set<string>();
  const mark = (key: string, seq: number) => {
    dirty.set(key, Math.max(dirty.get(key) ?? 0, seq));
    wake?.();
  };
  const take = (event: StoreEvent) => {
    if (event.kind === 'accounts' ? event.key === userId : keys.has(event.key)) {
      mark(event.kind === 'accounts' ? LIST : event.key, event.seq);
    }
  };
  // Subscribed before anything is read, and held until the user's accounts are known, so nothing that changes
  // meanwhile is missed.
  let early: StoreEvent[] | null = [];
  const unsubscribe = store.changes.subscribe((event) => (early === null ? take(event) : early.push(event)));
  const keepAlive = setInterval(() => stream.comment('keep-alive'), keepAliveMs);
  keepAlive.unref?.();
  try {
    accounts = await store.listAccounts(userId);
    keys = new Set(accounts.map((account) => account.upstreamKey));
    const held = early;
    early = null;
    held.forEach(take);
    const from = lastId === null ? Number.MAX_SAFE_INTEGER : Math.max(0, lastId - RESUME_MARGIN);
    const log = await store.changedSince([...keys, userId], from);
    const resumed = lastId !== null && (log.oldest === null || log.oldest <= lastId + 1);
    stream.send({ event: 'ready', data: { resumed }, id: String(log.newest), retry: RETRY_MS });
    if (resumed) for (const key of log.keys) mark(key === userId ? LIST : key, log.newest);
    while (!(await nextBatch())) {
      const batch = [...dirty].sort((a, b) => a[1] - b[1]);
      dirty.clear();
      for (const [key, seq] of batch) await sendState(key, String(seq));
    }
  } catch (error) {
    deps.logger.warn('an event stream stopped', { error });
  } finally {
    unsubscribe();
    clearInterval(keepAlive);
    stream.close();
  }

  // Resolves true when the stream closed, false when there is something to send.
  async function nextBatch(): Promise<boolean> {
    let closed = false;
    if (dirty.size === 0) {
      await Promise.race([
        new Promise<void>((resolve) => (wake = resolve)),
        stream.closed.then(() => void (closed = true)),
      ]);
      wake = null;
    }
    return closed;
  }

  async function sendState(key: string, id: string): Promise<void> {
    if (key === LIST) {
      accounts = await store.listAccounts(userId);
      keys = new Set(accounts.map((account) => account.upstreamKey));
      const data: AccountsResponse = { accounts: await accountViews(deps, accounts) };
      stream.send({ event: 'accounts', data, id });
      return;
    }
    // Read again (from the cache, which this change emptied): the rows carry the account's last check time.
    accounts = await store.listAccounts(userId);
    for (const account of accounts) {
      if (account.upstreamKey === key) {
        stream.send({ event: 'account', data: await balanceView(deps, account), id });
      }
    }
  }
}
