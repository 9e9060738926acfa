/** `account`: an upstream account's job, balance or health changed. `accounts`: a user's list changed. */
export type ChangeKind = 'account' | 'accounts';

/** One change the browser can see, as the store records and announces it. */
export interface StoreEvent {
  /** Increasing across the database: a stream's resume point. */
  seq: number;
  kind: ChangeKind;
  /** The upstream key (`account`) or the user id (`accounts`). */
  key: string;
}

/** Reads a NOTIFY payload (`<seq> <kind> <key>`); null for anything else. */
export function parseEventPayload(payload: string): StoreEvent | null {
  const match = /^(\d+) (account|accounts) (.+)$/s.exec(payload);
  if (match === null) return null;
  return { seq: Number(match[1]), kind: match[2] as ChangeKind, key: match[3] ?? '' };
}
