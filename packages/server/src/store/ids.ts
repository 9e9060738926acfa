/**
 * A new random id with a readable prefix, e.g. `acct_3f2a...` (32 hex digits). Prefixes make a pasted id
 * say what it is, and let routes refuse a malformed one before it reaches the database.
 *
 * @example
 * newId('job'); // 'job_9b1deb4d3b7d4bad9bdd2b0d7b3dcb6d'
 */
export function newId(prefix: 'acct' | 'job' | 'snap' | 'link' | 'out'): string {
  return `${prefix}_${crypto.randomUUID().replaceAll('-', '')}`;
}

/** True when `value` has the shape {@link newId} makes for `prefix`. */
export function isId(prefix: 'acct' | 'job', value: string): boolean {
  return new RegExp(`^${prefix}_[0-9a-f]{32}$`).test(value);
}
