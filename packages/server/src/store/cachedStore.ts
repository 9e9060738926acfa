import type { BalanceSnapshot } from '@okra-balance/core';
import type { StoredAccount, StoredJob, Store } from './Store.ts';

/** How many entries the cache keeps before dropping the least recently used. */
export interface ReadCacheLimits {
  /** Users whose account lists are kept. Default 10,000. */
  users?: number;
  /** Upstream accounts whose newest snapshot and job are kept. Default 50,000. */
  accounts?: number;
}

interface Fill {
  keys: ReadonlySet<string>;
  value: Promise<unknown>;
  /** Any user list (an `account` event may touch a list the fill has not seen yet). */
  anyList: boolean;
  poisoned: boolean;
}

/**
 * The store with its hot reads (a user's accounts, the newest snapshot and job of each account) kept in
 * memory and dropped the moment the change feed announces a change to them, from this process or any other.
 * Only while the feed is live: without it, or after a gap, every read goes to the database. A read that was
 * in flight when its data changed is not kept, so a late answer cannot put stale data back.
 *
 * @example
 * const { store: reads, close } = cachedStore(store);
 */
export function cachedStore(store: Store, limits: ReadCacheLimits = {}): { store: Store; close(): void } {
  const lists = lru<StoredAccount[]>(limits.users ?? 10_000);
  const snapshots = lru<BalanceSnapshot | null>(limits.accounts ?? 50_000);
  const jobs = lru<StoredJob | null>(limits.accounts ?? 50_000);
  const holders = new Map<string, Set<string>>();
  const fills = new Set<Fill>();
  // Reads of the same thing while one is in flight share it: a change seen by a hundred open streams of one
  // user makes one query, not a hundred.
  const shared = new Map<string, Fill>();

  const dropList = (userId: string) => {
    for (const account of lists.get(userId, false) ?? []) holders.get(account.upstreamKey)?.delete(userId);
    lists.delete(userId);
  };
  const poison = (key: string, anyList: boolean) => {
    for (const fill of fills) if (fill.keys.has(key) || (anyList && fill.anyList)) fill.poisoned = true;
  };
  const unsubscribe = store.changes.subscribe((event) => {
    if (event.kind === 'accounts') {
      dropList(event.key);
      poison(`u:${event.key}`, false);
      return;
    }
    snapshots.delete(event.key);
    jobs.delete(event.key);
    // The accounts' last check time lives on their rows: the holders' lists change too.
    for (const userId of holders.get(event.key) ?? []) dropList(userId);
    holders.delete(event.key);
    poison(`k:${event.key}`, true);
  });
  const clearAll = () => {
    lists.clear();
    snapshots.clear();
    jobs.clear();
    holders.clear();
    for (const fill of fills) fill.poisoned = true;
  };
  const stopGaps = store.changes.onGap(clearAll);

  const fill = <T>(
    what: string,
    keys: string[],
    anyList: boolean,
    load: () => Promise<T>,
    keep: (value: T) => void,
  ) => {
    const id = `${what}\u0000${keys.join('\u0000')}`;
    const running = shared.get(id);
    if (running !== undefined && !running.poisoned) return running.value as Promise<T>;
    const entry: Fill = { keys: new Set(keys), anyList, poisoned: false, value: Promise.resolve() };
    const value = (async () => {
      try {
        const loaded = await load();
        if (!entry.poisoned && store.changes.live) keep(loaded);
        return loaded;
      } finally {
        fills.delete(entry);
        if (shared.get(id) === entry) shared.delete(id);
      }
    })();
    entry.value = value;
    fills.add(entry);
    shared.set(id, entry);
    return value;
  };

  const listAccounts = async (userId: string): Promise<StoredAccount[]> => {
    const cached = store.changes.live ? lists.get(userId) : undefined;
    if (cached !== undefined) return cached;
    return fill(
      'accounts',
      [`u:${userId}`],
      true,
      () => store.listAccounts(userId),
      (accounts) => {
        lists.set(userId, accounts);
        for (const account of accounts) {
          let users = holders.get(account.upstreamKey);
          if (users === undefined) holders.set(account.upstreamKey, (users = new Set()));
          users.add(userId);
        }
      },
    );
  };

  const perKey =
    <V>(what: string, cache: Lru<V | null>, load: (keys: readonly string[]) => Promise<Map<string, V>>) =>
    async (keys: readonly string[]): Promise<Map<string, V>> => {
      const found = new Map<string, V>();
      const missing: string[] = [];
      for (const key of keys) {
        const value = store.changes.live ? cache.get(key) : undefined;
        if (value === undefined) missing.push(key);
        else if (value !== null) found.set(key, value);
      }
      if (missing.length === 0) return found;
      const loaded = await fill(
        what,
        missing.map((key) => `k:${key}`),
        false,
        () => load(missing),
        (values) => {
          for (const key of missing) cache.set(key, values.get(key) ?? null);
        },
      );
      for (const [key, value] of loaded) found.set(key, value);
      return found;
    };

  const cached: Store = {
    ...store,
    listAccounts,
    async getAccount(userId, accountId) {
      if (!store.changes.live) return store.getAccount(userId, accountId);
      return (await listAccounts(userId)).find((account) => account.id === accountId) ?? null;
    },
    latestSnapshots: perKey('snapshots', snapshots, (keys) => store.latestSnapshots(keys)),
    latestJobs: perKey('jobs', jobs, (keys) => store.latestJobs(keys)),
  };
  return {
    store: cached,
    close() {
      unsubscribe();
      stopGaps();
      clearAll();
    },
  };
}

interface Lru<V> {
  get(key: string, touch?: boolean): V | undefined;
  set(key: string, value: V): void;
  delete(key: string): void;
  clear(): void;
}

// A Map keeps insertion order: re-inserting on a hit makes the first key the least recently used.
function lru<V>(max: number): Lru<V> {
  const map = new Map<string, V>();
  return {
    get(key, touch = true) {
      const value = map.get(key);
      if (value !== undefined && touch) {
        map.delete(key);
        map.set(key, value);
      }
      return value;
    },
    set(key, value) {
      map.delete(key);
      map.set(key, value);
      if (map.size > max) map.delete(map.keys().next().value as string);
    },
    delete: (key) => void map.delete(key),
    clear: () => map.clear(),
  };
}
