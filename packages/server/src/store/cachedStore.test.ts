import { describe, expect, it } from 'vitest';
import { cachedStore } from './cachedStore.ts';
import type { ChangeFeed } from './createChangeFeed.ts';
import type { StoredAccount, Store } from './Store.ts';
import type { StoreEvent } from './StoreEvent.ts';

// A feed driven by the test, and a store whose reads answer when the test says.
function setup() {
  const listeners = new Set<(event: StoreEvent) => void>();
  const gaps = new Set<() => void>();
  const feed = {
    live: true as boolean,
    subscribe: (listener: (event: StoreEvent) => void) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    onGap: (listener: () => void) => {
      gaps.add(listener);
      return () => gaps.delete(listener);
    },
    publish: (events: readonly StoreEvent[]) => events.forEach((event) => listeners.forEach((l) => l(event))),
    close: async () => {},
  } satisfies ChangeFeed;
  let version = 0;
  const pending: (() => void)[] = [];
  let hold = false;
  const loads = { lists: 0 };
  const store = {
    changes: feed,
    async listAccounts(userId: string) {
      loads.lists += 1;
      const seen = version;
      if (hold) await new Promise<void>((resolve) => pending.push(resolve));
      return [{ id: `acct_${seen}`, userId, upstreamKey: 'sandbox:1' } as StoredAccount];
    },
  } as unknown as Store;
  const { store: cached } = cachedStore(store);
  return {
    cached,
    feed,
    loads,
    gap: () => gaps.forEach((listener) => listener()),
    change: (event: Omit<StoreEvent, 'seq'>) => {
      version += 1;
      feed.publish([{ seq: version, ...event }]);
    },
    hold: (on: boolean) => (hold = on),
    release: () => pending.splice(0).forEach((resolve) => resolve()),
  };
}

describe('the read cache', () => {
  it('answers from memory until a change to that user or account, then reads again', async () => {
    const t = setup();
    await t.cached.listAccounts('u1');
    await t.cached.listAccounts('u1');
    expect(t.loads.lists).toBe(1);
    t.change({ kind: 'account', key: 'sandbox:1' });
    expect((await t.cached.listAccounts('u1'))[0]?.id).toBe('acct_1');
    t.change({ kind: 'accounts', key: 'someone-else' });
    await t.cached.listAccounts('u1');
    expect(t.loads.lists).toBe(2);
    t.change({ kind: 'accounts', key: 'u1' });
    expect((await t.cached.listAccounts('u1'))[0]?.id).toBe('acct_3');
  });

  it('does not keep an answer that was read before a change that landed while it was in flight', async () => {
    const t = setup();
    t.hold(true);
    const early = t.cached.listAccounts('u1');
    t.change({ kind: 'accounts', key: 'u1' });
    t.release();
    expect((await early)[0]?.id).toBe('acct_0');
    t.hold(false);
    // The stale answer was not kept: this read goes to the store and sees the change.
    expect((await t.cached.listAccounts('u1'))[0]?.id).toBe('acct_1');
  });

  it('shares one read among callers asking the same while it is in flight, but not across a change', async () => {
    const t = setup();
    t.hold(true);
    const reads = [t.cached.listAccounts('u1'), t.cached.listAccounts('u1')];
    expect(t.loads.lists).toBe(1);
    t.change({ kind: 'accounts', key: 'u1' });
    reads.push(t.cached.listAccounts('u1'));
    expect(t.loads.lists).toBe(2);
    t.release();
    expect((await Promise.all(reads)).map((list) => list[0]?.id)).toEqual(['acct_0', 'acct_0', 'acct_1']);
  });

  it('reads through while the feed is not live, and forgets everything at a gap', async () => {
    const t = setup();
    await t.cached.listAccounts('u1');
    t.gap();
    await t.cached.listAccounts('u1');
    expect(t.loads.lists).toBe(2);
    t.feed.live = false;
    await t.cached.listAccounts('u1');
    await t.cached.listAccounts('u1');
    expect(t.loads.lists).toBe(4);
  });
});
