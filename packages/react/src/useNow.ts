import { useSyncExternalStore } from 'react';

const everySecond = (notify: () => void) => {
  const timer = setInterval(notify, 1000);
  return () => clearInterval(timer);
};
const never = () => () => undefined;
const currentSecond = () => Math.floor(Date.now() / 1000) * 1000;
// The server's clock and the browser's differ by the time the page takes to arrive: neither is read until
// hydration is over, or the HTML would not match.
const notYet = () => null;

/**
 * The time to the second, or null on the server and while hydrating (then React renders again with the
 * browser's clock). Ticks (one render a second) only while `live`; read once per render otherwise.
 */
export function useNow(live: boolean): number | null {
  return useSyncExternalStore(live ? everySecond : never, currentSecond, notYet);
}
