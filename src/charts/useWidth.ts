import { useLayoutEffect, useRef, useState, type RefObject } from 'react';

/**
 * The width of an element, followed with a ResizeObserver and floored to 10 px (calms re-renders
 * while a window is resized; a chart is never wider than its box). Measured before paint, so the
 * first chart a user sees has the right width; `fallback` until a width is known (0: do not draw).
 */
export function useWidth(fallback = 0): [RefObject<HTMLDivElement | null>, number] {
  const ref = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(fallback);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return undefined;
    const measure = (): void => {
      const w = Math.floor(el.clientWidth / 10) * 10;
      if (w > 0) setWidth(w);
    };
    measure();
    if (typeof ResizeObserver === 'undefined') return undefined;
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  return [ref, width];
}
