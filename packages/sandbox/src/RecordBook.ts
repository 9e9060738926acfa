import {
  NO_RECORD_FAULTS,
  type AccountDoc,
  type RecordDoc,
  type RecordFaults,
  type RecordMethod,
} from './docs.ts';
import type { LatencySampler } from './latency.ts';
import { LINK_MESSAGES, type ExpiredLinkStatus } from './linkStates.ts';
import type { SandboxStore } from './store.ts';
import { SANDBOX_ENV } from './views.ts';
import type { WebhookSender } from './WebhookSender.ts';

/**
 * What a refresh inside the bank's duplicate window gets: held until the window closes, or refused.
 *
 * @example
 * await startSandbox({ duplicateDelayMs: 5_000, duplicateRefresh: 'reject' });
 */
export type DuplicateRefresh = 'delay' | 'reject';

export interface RecordBookOptions {
  store: SandboxStore;
  latency: LatencySampler;
  webhooks: WebhookSender;
  webhookUrl: string | null;
  duplicateDelayMs: number;
  duplicateRefresh: DuplicateRefresh;
  /** Called after every change worth saving: a record made, a record completed (and the balance it moved). */
  onChange?: () => void;
}

export interface NewRecord {
  method: RecordMethod;
  account: AccountDoc;
  faults?: RecordFaults;
  options?: Record<string, unknown> | null;
  callbackUrl?: string | null;
  /** A record the widget made while the user waited: already complete, its balance already fetched. */
  done?: boolean;
  /** Its id, when the balance was stamped with it before the record existed. */
  id?: string;
  /** No webhook: for the fixtures, which exist before anyone listens. */
  quiet?: boolean;
  /** The account's link had expired (`callback-status` shape): the bank refuses the record with this. */
  linkStatus?: ExpiredLinkStatus;
}

/** A refresh refused inside the duplicate window (with `duplicateRefresh: 'reject'`). */
export interface DuplicateRefused {
  retryInMs: number;
}

/**
 * Asynchronous records: a refresh or check answers at once and completes after a bank latency; completion
 * moves the balance (refresh) or works out `balance_changed` (check), then sends the webhook.
 */
export class RecordBook {
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();
  private readonly lastRefreshAt = new Map<string, number>();

  constructor(private readonly options: RecordBookOptions) {}

  create(input: NewRecord): RecordDoc | DuplicateRefused {
    const { store, latency } = this.options;
    const now = store.now();
    const faults = input.faults ?? NO_RECORD_FAULTS;
    let readyAt = now + latency.sample() + faults.lateByMs;
    let moves = input.done !== true;
    // A session the bank refuses at login holds no duplicate window.
    if (input.method === 'BALANCE' && input.done !== true && input.linkStatus === undefined) {
      const last = this.lastRefreshAt.get(input.account._id);
      const windowEnd = last === undefined ? 0 : last + this.options.duplicateDelayMs;
      if (now < windowEnd) {
        if (this.options.duplicateRefresh === 'reject') return { retryInMs: windowEnd - now };
        readyAt = Math.max(readyAt, windowEnd + latency.sample());
        moves = false;
      } else {
        this.lastRefreshAt.set(input.account._id, now);
      }
    }
    const record: RecordDoc = {
      _id: input.id ?? store.makeId(),
      method: input.method,
      accountId: input.account._id,
      customerId: input.account.customerId,
      status: 'pending',
      created_at: store.isoNow(),
      readyAt: input.done === true ? now : readyAt,
      completed_at: null,
      options: input.options ?? null,
      callbackUrl: input.callbackUrl ?? null,
      moves,
      faults,
      linkStatus: input.linkStatus ?? null,
      check: null,
    };
    store.records.set(record._id, record);
    if (input.done === true) this.settle(record, input.quiet !== true);
    else this.schedule(record);
    this.options.onChange?.();
    return record;
  }

  /** When each account's last refresh went to the bank (its duplicate window), for saving. */
  refreshTimes(): Record<string, number> {
    return Object.fromEntries(this.lastRefreshAt);
  }

  restoreRefreshTimes(times: Record<string, number>): void {
    for (const [accountId, at] of Object.entries(times)) this.lastRefreshAt.set(accountId, at);
  }

  /** After a restart: records still at the bank complete at their due time, or at once if it has passed. */
  resumePending(): void {
    for (const record of this.options.store.records.values()) {
      if (this.settleIfDue(record).status === 'pending') this.schedule(record);
    }
  }

  /** Completes the record if the bank has answered by now; reads call this so no timer lag shows. */
  settleIfDue(record: RecordDoc): RecordDoc {
    if (record.status === 'pending' && this.options.store.now() >= record.readyAt) this.settle(record);
    return record;
  }

  close(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  private schedule(record: RecordDoc): void {
    const timer = setTimeout(
      () => {
        this.timers.delete(timer);
        // Not settleIfDue: a timer may fire a millisecond before Date.now() reaches readyAt.
        if (record.status === 'pending') this.settle(record);
      },
      Math.max(0, record.readyAt - this.options.store.now()),
    );
    timer.unref();
    this.timers.add(timer);
  }

  private settle(record: RecordDoc, notify = true): void {
    const { store } = this.options;
    const account = store.accounts.get(record.accountId);
    if (account === undefined) return;
    record.completed_at = store.isoNow();
    if (record.faults.failed || record.linkStatus !== null) {
      record.status = 'failed';
    } else if (record.method === 'BALANCE') {
      if (store.balances.get(account._id)?.recordId !== record._id) {
        store.moveBalance(account, record._id, record.moves);
      }
      record.status = 'success';
    } else {
      const balance = store.balances.get(account._id);
      const lastFetched = balance?.last_updated ?? account.created_at;
      const changed = record.faults.checkSays ?? store.nextMove(account) !== 0;
      record.check = {
        balance_changed: changed,
        last_checked: record.completed_at,
        last_fetched: lastFetched,
      };
      record.status = 'success';
    }
    if (notify) this.notify(record);
    this.options.onChange?.();
  }

  private notify(record: RecordDoc): void {
    const url = record.callbackUrl ?? this.options.webhookUrl;
    if (url === null || record.faults.webhookNever) return;
    const ok = record.status === 'success';
    const { linkStatus } = record;
    const event = {
      type: ok ? ('balance.success' as const) : ('balance.failed' as const),
      callback_type: record.method,
      record: record._id,
      customer: record.customerId,
      account: record.accountId,
      status: linkStatus ?? (ok ? ('success' as const) : ('failed' as const)),
      ...(linkStatus === null ? {} : { message: LINK_MESSAGES[linkStatus] }),
      timestamp: record.completed_at ?? this.options.store.isoNow(),
      env: SANDBOX_ENV,
      ...(record.check === null ? {} : { balance_changed: record.check.balance_changed }),
    };
    const { webhooks, latency, store } = this.options;
    webhooks.send(url, event);
    if (record.faults.webhookTwice) webhooks.send(url, event, 0, 2);
    if (record.faults.duplicateCallback) {
      webhooks.send(url, { ...event, timestamp: store.isoNow(latency.max()) }, latency.max(), 2);
    }
  }
}
