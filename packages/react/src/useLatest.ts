import { useInsertionEffect, useRef } from 'react';

/**
 * A ref that always holds the latest value, so callbacks handed to okra-js once still call the newest props.
 * Updated in an insertion effect: before any layout effect or event handler can read it, never during render.
 */
export function useLatest<T>(value: T): { readonly current: T } {
  const ref = useRef(value);
  useInsertionEffect(() => {
    ref.current = value;
  });
  return ref;
}
