/**
 * okra-js is one global object, so one widget per page, whichever component asked for it. `close` removes the
 * widget on screen; it is null when there is none. Kept out of the lazily loaded widget code so `open()` can
 * refuse a second widget at once, before anything loads or a link session is asked for.
 */
export const currentWidget: { close: (() => void) | null } = { close: null };
