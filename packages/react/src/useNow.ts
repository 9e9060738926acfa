import { useSyncExternalStore } from 'react';

const everySecond = (notify: () => void) => {
  const timer = setInterval(notify, 1000);
  return () => clearInterval(timer);
};
const never = () => () => undefined;
const currentSecond = () => Math.floor(Date.now() / 1000) * 1000;

/** The time to the second: ticking (one render a second) only while `live`, read once per render otherwise. */
export function useNow(live: boolean): number {
  return useSyncExternalStore(live ? everySecond : never, currentSecond, currentSecond);
}
