/**
 * A stand-in for the browser's `EventSource`, handed to `<BalanceProvider eventSource>`: it records every
 * connection the code opens and lets a test speak for the server (`emit`) or for the network (`fail`).
 */
export function fakeEventSource() {
  const opened: FakeSource[] = [];
  class FakeSource extends EventTarget {
    static readonly CONNECTING = 0;
    static readonly OPEN = 1;
    static readonly CLOSED = 2;
    readyState = 0;
    readonly withCredentials: boolean;
    onerror: ((event: Event) => void) | null = null;
    constructor(
      readonly url: string,
      init?: EventSourceInit,
    ) {
      super();
      this.withCredentials = init?.withCredentials ?? false;
      opened.push(this);
    }
    close() {
      this.readyState = 2;
    }
    /** The server sends one event, as the route writes it: `data` as JSON. */
    emit(event: string, data: unknown, id?: string) {
      if (this.readyState === 2) throw new Error(`emit(${event}) on a closed EventSource`);
      this.readyState = 1;
      this.dispatchEvent(new MessageEvent(event, { data: JSON.stringify(data), lastEventId: id ?? '' }));
    }
    /** The connection drops (the browser retries), or with `closed`, it was refused (404, 401). */
    fail(closed = false) {
      this.readyState = closed ? 2 : 0;
      const event = new Event('error');
      this.onerror?.(event);
      this.dispatchEvent(event);
    }
  }
  /** Open connections: not closed by the code under test. */
  const open = () => opened.filter((source) => source.readyState !== 2);
  return { EventSource: FakeSource as unknown as typeof EventSource, opened, open };
}

export type FakeEventSource = ReturnType<typeof fakeEventSource>;
