/**
 * Vitest 5's reporters call `Map.groupBy` and `Object.groupBy` (Node 21+). On Node 20, which CI runs, the
 * failure report itself would throw and hide the real assertion messages. Loaded first by vitest.config.ts.
 */
type GroupBy = <K, T>(items: Iterable<T>, key: (item: T, index: number) => K) => Map<K, T[]>;

const mapWithGroupBy = Map as unknown as { groupBy?: GroupBy };
if (typeof mapWithGroupBy.groupBy !== 'function') {
  const groupBy: GroupBy = <K, T>(items: Iterable<T>, key: (item: T, index: number) => K) => {
    const groups = new Map<K, T[]>();
    let index = 0;
    for (const item of items) {
      const k = key(item, index++);
      const group = groups.get(k);
      if (group === undefined) groups.set(k, [item]);
      else group.push(item);
    }
    return groups;
  };
  Object.defineProperty(Map, 'groupBy', { value: groupBy, writable: true, configurable: true });
}

const objectWithGroupBy = Object as unknown as { groupBy?: unknown };
if (typeof objectWithGroupBy.groupBy !== 'function') {
  const groupBy = <T>(items: Iterable<T>, key: (item: T, index: number) => PropertyKey) =>
    Object.fromEntries((Map as unknown as { groupBy: GroupBy }).groupBy(items, key));
  Object.defineProperty(Object, 'groupBy', { value: groupBy, writable: true, configurable: true });
}

export {};
