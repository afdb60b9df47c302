/**
 * Draws Plot options into a container (the "draw" step of a chart): every chart of the app is
 * mounted here. The options are built by the pure builders of src/charts; this component only
 * mounts the SVG, makes it accessible and hands it to exports.
 */
import './dark.css';
import './plot-base.css';
import * as Plot from '@observablehq/plot';
import { useEffect, useRef, type JSX, type RefObject } from 'react';
import { makeChartAccessible } from './accessible-svg';

export interface PlotFigureProps {
  readonly options: Plot.PlotOptions | null;
  /** The SVG's accessible name (else Plot's own `ariaLabel`, if any). */
  readonly title?: string;
  /** Hidden from assistive technologies when a data table says the same (sparklines). */
  readonly decorative?: boolean;
  /** Where the exporter reads the SVG from. */
  readonly svgRef?: RefObject<(() => SVGSVGElement | null) | null>;
  /** The mount itself, e.g. to measure it with `useWidth`. */
  readonly boxRef?: RefObject<HTMLDivElement | null>;
  readonly className?: string;
  readonly hidden?: boolean;
}

export function PlotFigure({
  options,
  title,
  decorative,
  svgRef,
  boxRef,
  className,
  hidden,
}: PlotFigureProps): JSX.Element {
  const own = useRef<HTMLDivElement>(null);
  const ref = boxRef ?? own;
  useEffect(() => {
    const el = ref.current;
    if (!el || !options) return undefined;
    const node = Plot.plot(options);
    makeChartAccessible(node, decorative ? null : title);
    el.replaceChildren(node);
    disablePlotStyle(node);
    return () => node.remove();
  }, [ref, options, decorative, title]);
  useEffect(() => {
    if (!svgRef) return;
    svgRef.current = () => ref.current?.querySelector('svg') ?? null;
  }, [svgRef, ref]);
  return <div ref={ref} className={className ?? 'observatoire-plot'} hidden={hidden} />;
}

/** Plot's default class: its <style> is said once for every chart by plot-base.css. */
const PLOT_CLASS = 'plot-d6a7b5';

/**
 * Turns off the <style> Plot writes into each chart, which plot-base.css says once for all (see
 * there why): only the sheet is disabled, so the SVG and its exports keep the element.
 */
function disablePlotStyle(node: Element): void {
  for (const style of node.querySelectorAll('style')) {
    const sheet = (style as HTMLStyleElement | SVGStyleElement).sheet;
    if (sheet && style.textContent?.startsWith(`:where(.${PLOT_CLASS})`)) sheet.disabled = true;
  }
}
