import type { WidgetOptions } from '@okra-balance/core';
import type { ReauthTarget } from './reauthTarget.ts';

/** How many wrong logins the widget allows before it gives up and posts `error`. */
export const MAX_LOGIN_ATTEMPTS = 3;

export interface WidgetSession {
  id: string;
  /** The okra-js options the page received (functions already stripped by okra-js). */
  options: WidgetOptions;
  failures: number;
  linked: boolean;
  /** The link this session reconnects (okra-js's `reauth_account`), or null for a new link. */
  reauth: ReauthTarget | null;
}

/** Open widget sessions: one per widget opened with good keys; bounded so a loop cannot fill memory. */
export class WidgetSessions {
  private readonly sessions = new Map<string, WidgetSession>();

  constructor(
    private readonly makeId: () => string,
    private readonly limit = 1_000,
  ) {}

  open(options: WidgetOptions, reauth: ReauthTarget | null = null): WidgetSession {
    if (this.sessions.size >= this.limit) {
      const oldest = this.sessions.keys().next().value;
      if (oldest !== undefined) this.sessions.delete(oldest);
    }
    const session = { id: this.makeId(), options, failures: 0, linked: false, reauth };
    this.sessions.set(session.id, session);
    return session;
  }

  get(id: string): WidgetSession | undefined {
    return this.sessions.get(id);
  }
}
