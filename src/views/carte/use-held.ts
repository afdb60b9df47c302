import { useState } from 'react';

/**
 * The last non-null `value` while `keep` holds (null once it does not): what a map keeps drawing
 * while its next result is prepared, so it never flashes empty. Held in state, adjusted during
 * render (React's pattern for state derived from props): this render already returns the new
 * value, and React re-renders at once with it stored.
 */
export function useHeld<T>(value: T | null, keep = true): T | null {
  const [held, setHeld] = useState<T | null>(value);
  const next = keep ? (value ?? held) : null;
  if (next !== held) setHeld(next);
  return next;
}
