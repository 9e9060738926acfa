/** Where the page's one widget is: nowhere, loading (okra-js, the link session), or on screen. */
export type WidgetStatus = 'idle' | 'loading' | 'open';

/** The page's widget and the hook that opened it. */
export interface PageWidgetState {
  readonly status: WidgetStatus;
  /** The `useId()` of the hook that opened it. */
  readonly owner: string | null;
}

const idle: PageWidgetState = { status: 'idle', owner: null };
let state = idle;
const listeners = new Set<() => void>();

function set(next: PageWidgetState): void {
  state = next;
  for (const listener of listeners) listener();
}

/**
 * okra-js keeps one widget per page in one global object, so the page's widget is a tiny store: the first
 * `open()` claims it synchronously, before anything loads or a link session is asked for, and every hook
 * reads it through `useSyncExternalStore`. A second button, a double click or StrictMode's second effect finds
 * it taken and does nothing.
 */
export const pageWidget = {
  /** Also the server's snapshot: nothing opens a widget there. */
  get: (): PageWidgetState => state,
  subscribe: (listener: () => void): (() => void) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  /** Takes the page's widget for `owner` if no one has it; false if someone does. */
  claim: (owner: string): boolean => {
    if (state.status !== 'idle') return false;
    set({ status: 'loading', owner });
    return true;
  },
  /** The owner's widget is on screen. */
  opened: (owner: string): void => {
    if (state.owner === owner) set({ status: 'open', owner });
  },
  /** The owner's widget is gone (closed, failed, cancelled): the next `open()` anywhere may go. */
  release: (owner: string): void => {
    if (state.owner === owner) set(idle);
  },
};
