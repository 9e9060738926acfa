import type { ExpiredLinkStatus } from './linkStates.ts';

/**
 * The webhook body. The provider publishes none for balance events, so this shape is the sandbox's choice
 * (see the README): keyed on `record`, `type` and `callback_type` like the provider's older format.
 *
 * @example
 * const event: WebhookEvent = { type: 'balance.success', callback_type: 'BALANCE', record, customer, account, status: 'success', timestamp, env: 'production-sandbox' };
 */
export interface WebhookEvent {
  type: 'balance.success' | 'balance.failed';
  callback_type: 'BALANCE' | 'CHECK_BALANCE';
  record: string;
  customer: string;
  account: string;
  /** A link status (`invalid`, `token_required`...) when the record failed on an expired link. */
  status: 'success' | 'failed' | ExpiredLinkStatus;
  /** What went wrong, with a link status. */
  message?: string;
  timestamp: string;
  env: string;
  /** CHECK_BALANCE only. */
  balance_changed?: boolean;
}

/**
 * One POST the sandbox made (or tried to make): one entry per attempt.
 *
 * @example
 * const delivered = sandbox.webhookDeliveries().filter((d) => d.delivered && d.event.record === record);
 */
export interface WebhookDelivery {
  url: string;
  event: WebhookEvent;
  /** 1 for the first try, 2 for the first retry... */
  attempt: number;
  /** Which copy this is when a fault sends the event more than once (1 otherwise). */
  copy: number;
  /** The receiver's HTTP status, or null when the request failed outright. */
  status: number | null;
  error: string | null;
  delivered: boolean;
  at: string;
}

export interface WebhookSenderOptions {
  token: string | null;
  /** The one URL the token goes to (the dashboard's), or null for every URL. */
  tokenOnlyTo: string | null;
  /** Retries after a failed attempt (a non-2xx status or a network error). */
  retries: number;
  /** Wait before the first retry; doubles on each. */
  retryDelayMs: number;
  /** How long one attempt may take. */
  timeoutMs: number;
}

/** Posts webhook events with the configured bearer token, retrying a bounded number of times. */
export class WebhookSender {
  private readonly log: WebhookDelivery[] = [];
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();
  private readonly inFlight = new Set<AbortController>();
  private closed = false;

  constructor(private readonly options: WebhookSenderOptions) {}

  /** Sends `event` to `url` after `delayMs`, as copy number `copy`. */
  send(url: string, event: WebhookEvent, delayMs = 0, copy = 1): void {
    this.later(delayMs, () => this.attempt(url, event, 1, copy));
  }

  /** Resolves once no delivery is under way or waiting for its retry. */
  async settled(): Promise<void> {
    while (this.timers.size + this.inFlight.size > 0) await new Promise((resolve) => setTimeout(resolve, 5));
  }

  deliveries(): WebhookDelivery[] {
    return this.log.map((delivery) => ({ ...delivery, event: { ...delivery.event } }));
  }

  /** Stops retries and aborts requests in flight. */
  close(): void {
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    for (const controller of this.inFlight) controller.abort();
    this.inFlight.clear();
  }

  private later(delayMs: number, run: () => Promise<void>): void {
    if (this.closed) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void run();
    }, delayMs);
    this.timers.add(timer);
  }

  private async attempt(url: string, event: WebhookEvent, attempt: number, copy: number): Promise<void> {
    if (this.closed) return;
    const controller = new AbortController();
    const timeout = setTimeout(() => controller.abort(), this.options.timeoutMs);
    this.inFlight.add(controller);
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'user-agent': 'okra-sandbox',
    };
    const { token, tokenOnlyTo } = this.options;
    if (token !== null && (tokenOnlyTo === null || url === tokenOnlyTo))
      headers.authorization = `Bearer ${token}`;
    let status: number | null = null;
    let error: string | null = null;
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers,
        body: JSON.stringify(event),
        signal: controller.signal,
      });
      status = response.status;
      await response.body?.cancel();
    } catch (caught) {
      error = caught instanceof Error ? caught.message : String(caught);
    } finally {
      clearTimeout(timeout);
      this.inFlight.delete(controller);
    }
    if (this.closed) return;
    const delivered = status !== null && status >= 200 && status < 300;
    this.log.push({ url, event, attempt, copy, status, error, delivered, at: new Date().toISOString() });
    if (delivered || attempt > this.options.retries) return;
    const wait = this.options.retryDelayMs * 2 ** (attempt - 1);
    this.later(wait, () => this.attempt(url, event, attempt + 1, copy));
  }
}
