/**
 * Site-over-time small multiples (one panel per site or group, same y scale so that levels
 * compare) and the sparklines of the comparison table. Input: the result of
 * `indicatorGroupSeries` (code = group id) and optionally France's series as a reference line.
 */
import * as Plot from '@observablehq/plot';
import type { Table } from 'apache-arrow';
import { formatNumber } from '../format';

export interface SeriesPoint {
  readonly code: string;
  readonly name: string;
  readonly year: number;
  /** Null when suppressed or missing. */
  readonly value: number | null;
  readonly low: number | null;
  readonly high: number | null;
  readonly suppressed: boolean;
  /**
   * The value sums only a group's published members (some are secret that year): a lower bound,
   * read « au moins ». False for a territory's own figure.
   */
  readonly lowerBound: boolean;
  /** Members of a group whose cell is secret that year (0 for a territory). */
  readonly hiddenMembers: number;
  /** A group whose members overlap in part: no sum can be given. */
  readonly overlap: boolean;
}

function num(v: unknown): number | null {
  if (v === null || v === undefined) return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : null;
}

/** Reads a series result (columns code, name, year, value, low, high, suppressed) into points. */
export function seriesPoints(table: Table): SeriesPoint[] {
  const col = (name: string) => table.getChild(name);
  const code = col('code');
  const name = col('name');
  const year = col('year');
  const value = col('value');
  const low = col('low');
  const high = col('high');
  const suppressed = col('suppressed');
  const lowerBound = col('lower_bound');
  const hiddenMembers = col('hidden_members');
  const overlap = col('overlap');
  if (!code || !year || !value) throw new Error('Résultat de série incomplet (code, year, value)');
  const out: SeriesPoint[] = [];
  for (let i = 0; i < table.numRows; i++) {
    const y = num(year.get(i));
    if (y === null) continue;
    out.push({
      code: String(code.get(i)),
      name: String(name?.get(i) ?? code.get(i)),
      year: y,
      value: num(value.get(i)),
      low: num(low?.get(i)),
      high: num(high?.get(i)),
      suppressed: Boolean(suppressed?.get(i)),
      lowerBound: Boolean(lowerBound?.get(i)),
      hiddenMembers: num(hiddenMembers?.get(i)) ?? 0,
      overlap: Boolean(overlap?.get(i)),
    });
  }
  return out.sort((a, b) => a.year - b.year);
}

export interface SiteSeriesLayout {
  readonly width: number;
  readonly decimals: number;
  /** Unit, for the accessible description (the screen shows it in the caption). */
  readonly valueLabel: string;
  /** Panel order (group ids); groups missing from the data get an empty panel. */
  readonly order: readonly { readonly code: string; readonly name: string }[];
  /** France's series, drawn in grey in every panel. */
  readonly reference?: readonly SeriesPoint[];
  readonly referenceLabel?: string;
}

/** Small multiples: one panel per group, wrapped in columns of at least 160 px, shared y. */
export function siteSeriesPlot(
  points: readonly SeriesPoint[],
  layout: SiteSeriesLayout,
): Plot.PlotOptions {
  const columns = Math.max(1, Math.min(layout.order.length, Math.floor(layout.width / 160)));
  const rows = Math.max(1, Math.ceil(layout.order.length / columns));
  const index = new Map(layout.order.map((g, i) => [g.code, i]));
  const fx = (p: { code: string }): number => (index.get(p.code) ?? 0) % columns;
  const fy = (p: { code: string }): number => Math.floor((index.get(p.code) ?? 0) / columns);
  const shown = points.filter((p) => index.has(p.code));
  const reference = (layout.reference ?? []).flatMap((p) =>
    layout.order.map((g) => ({ ...p, code: g.code })),
  );
  const titles = layout.order.map((g) => ({ code: g.code, name: g.name }));
  const hidden = shown.filter((p) => p.suppressed);
  const yMax = Math.max(
    0,
    ...shown.map((p) => p.high ?? p.value ?? 0),
    ...reference.map((p) => p.value ?? 0),
  );
  const years = [...new Set([...shown, ...reference].map((p) => p.year))].sort((a, b) => a - b);
  const first = years[0];
  const last = years[years.length - 1];
  const middle = years[Math.floor(years.length / 2)];
  const ticks = [...new Set([first, middle, last])].filter((y): y is number => y !== undefined);
  const label = (p: SeriesPoint): string =>
    p.value === null
      ? `${p.name}, ${p.year} : secret statistique`
      : `${p.name}, ${p.year} : ${formatNumber(p.value, { decimals: layout.decimals })}`;
  return {
    width: layout.width,
    height: rows * 170 + 30,
    marginLeft: 44,
    marginRight: 16,
    marginTop: 24,
    ariaDescription: layout.valueLabel,
    style: { fontFamily: 'Marianne, arial, sans-serif', fontSize: '11px' },
    fx: { axis: null, padding: 0.12 },
    fy: { axis: null, padding: 0.2 },
    x: { label: null, tickFormat: (d: number) => String(d), ticks, inset: 8 },
    // The unit goes in the caption: a y label would collide with the first panel's title.
    y: { label: null, grid: true, domain: [0, yMax * 1.08 || 1], nice: true },
    marks: [
      Plot.frame({ stroke: '#ddd' }),
      Plot.text(titles, {
        fx,
        fy,
        text: 'name',
        frameAnchor: 'top-left',
        dy: -16,
        fontWeight: 'bold',
        fontSize: 12,
      }),
      Plot.line(reference, {
        fx,
        fy,
        x: 'year',
        y: (p: SeriesPoint) => p.value ?? NaN,
        stroke: '#929292',
        strokeDasharray: '3 2',
      }),
      Plot.areaY(shown, {
        fx,
        fy,
        x: 'year',
        y1: (p: SeriesPoint) => p.low ?? NaN,
        y2: (p: SeriesPoint) => p.high ?? NaN,
        fill: '#000091',
        fillOpacity: 0.12,
      }),
      Plot.line(shown, {
        fx,
        fy,
        x: 'year',
        y: (p: SeriesPoint) => p.value ?? NaN,
        stroke: '#000091',
        strokeWidth: 2,
      }),
      Plot.dot(shown, {
        fx,
        fy,
        x: 'year',
        y: (p: SeriesPoint) => p.value ?? NaN,
        r: 2.5,
        fill: '#000091',
        title: label,
        ariaLabel: label,
      }),
      // Suppressed years: a cross on the axis, so a gap never reads as zero.
      Plot.dot(hidden, {
        fx,
        fy,
        x: 'year',
        y: 0,
        symbol: 'times',
        stroke: '#ce0500',
        r: 4,
        title: label,
        ariaLabel: label,
      }),
    ],
  };
}

/** A table-cell sparkline: the trend only, no axes; the last value gets a dot. */
export function sparklinePlot(
  points: readonly SeriesPoint[],
  size: { width: number; height: number },
): Plot.PlotOptions {
  const values = points.filter((p) => p.value !== null);
  const last = values[values.length - 1];
  return {
    width: size.width,
    height: size.height,
    margin: 3,
    axis: null,
    x: { axis: null },
    y: { axis: null, zero: true },
    marks: [
      Plot.line(points, { x: 'year', y: (p: SeriesPoint) => p.value ?? NaN, stroke: '#000091' }),
      last
        ? Plot.dot([last], { x: 'year', y: (p: SeriesPoint) => p.value, r: 2, fill: '#000091' })
        : null,
    ],
  };
}
