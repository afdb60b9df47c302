/**
 * Draws Plot options into a container (the "draw" step of a chart). The options are built by the
 * pure builders of src/charts; this component only mounts the SVG and hands it to exports.
 */
import '../../charts/dark.css';
import * as Plot from '@observablehq/plot';
import { useEffect, useLayoutEffect, useRef, useState, type JSX, type RefObject } from 'react';
import { makeChartAccessible } from '../../charts/accessible-svg';

export interface PlotFigureProps {
  readonly options: Plot.PlotOptions | null;
  /** Where the exporter reads the SVG from. */
  readonly svgRef?: RefObject<(() => SVGSVGElement | null) | null>;
  readonly className?: string;
  /** Hidden from assistive technologies when a data table says the same (sparklines). */
  readonly decorative?: boolean;
}

export function PlotFigure({
  options,
  svgRef,
  className,
  decorative,
}: PlotFigureProps): JSX.Element {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el || !options) return undefined;
    const node = Plot.plot(options);
    makeChartAccessible(node, decorative ? null : undefined);
    el.replaceChildren(node);
    return () => node.remove();
  }, [options, decorative]);
  useEffect(() => {
    if (!svgRef) return;
    svgRef.current = () => ref.current?.querySelector('svg') ?? null;
  }, [svgRef]);
  return <div ref={ref} className={className ?? 'observatoire-plot'} />;
}

/** The width of an element, followed with a ResizeObserver (rounded to 10 px to calm re-renders). */
export function useWidth(fallback = 640): [RefObject<HTMLDivElement | null>, number] {
  const ref = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(fallback);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return undefined;
    const measure = (): void => {
      const w = Math.round(el.clientWidth / 10) * 10;
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
