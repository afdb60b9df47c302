/**
 * Several territories over time: one chart (direct labels at the line ends) or small multiples,
 * absolute values or base 100 at each series' first available year, 95 % bands where the
 * indicator has intervals, dated events as labelled rules. Suppressed years are NaN, so lines
 * break there (a gap, never an interpolation).
 */
import * as Plot from '@observablehq/plot';
import type { Table } from 'apache-arrow';
import type { IndicatorDefinition, TerritoryLevel } from '../catalogue';
import { formatNumber, territoryLabel } from '../format';
import { flags, numbers, strings } from './arrow-columns';
import { fractionalYear, type SeriesEvent } from './events';
import { CATEGORICAL, formatYear } from './palette';

export interface SeriesChartOptions {
  readonly width: number;
  readonly height?: number;
  readonly indicator: Pick<IndicatorDefinition, 'unit' | 'decimals' | 'shortLabel'>;
  readonly base100?: boolean;
  readonly smallMultiples?: boolean;
  readonly events?: readonly SeriesEvent[];
  /** Series keys (`level:code`) in colour order; the first is drawn on top and thicker. */
  readonly order?: readonly string[];
  /** Override a series' label (e.g. « France », « Département parent »). */
  readonly labels?: ReadonlyMap<string, string>;
  /** Draw 95 % bands when the result has `low`/`high` (default true). */
  readonly bands?: boolean;
}

/** The columns derived for drawing (also what the data table shows). */
export interface SeriesData {
  readonly keys: string[];
  readonly labels: string[];
  readonly years: Float64Array;
  readonly y: Float64Array;
  readonly low: Float64Array;
  readonly high: Float64Array;
  readonly suppressed: boolean[];
  /** Series keys in display order. */
  readonly order: string[];
  /** Year of the base (base 100) per series key. */
  readonly baseYear: ReadonlyMap<string, number>;
  /**
   * Whether each row is the territory's own figure (false: a QPV read through the list
   * correspondence, its predecessors or successors).
   */
  readonly own: boolean[];
  /** Line segment of each row: a series never runs across a change of QPV list. */
  readonly segments: string[];
  /** Years (midpoints) where some series changes QPV list. */
  readonly breaks: number[];
}

/** The label of the break a change of QPV list makes in a series. */
export const QPV_LIST_BREAK = 'Changement de liste QPV (2015 → 2024)';

/** Derives series keys, labels and (base 100) values from an `indicatorSeries` result. */
export function deriveSeries(
  table: Table,
  opts: Pick<SeriesChartOptions, 'base100' | 'order' | 'labels'>,
): SeriesData {
  const n = table.numRows;
  const levels = strings(table, 'level');
  const codes = strings(table, 'code');
  const names = strings(table, 'name');
  const years = numbers(table, 'year');
  const value = numbers(table, 'value');
  const low = numbers(table, 'low');
  const high = numbers(table, 'high');
  const keys = codes.map((c, i) => `${levels[i] ?? ''}:${c}`);
  const links = table.getChild('link') ? strings(table, 'link') : [];
  const own = keys.map((_, i) => (links[i] ?? 'meme_code') === 'meme_code');
  const segments = keys.map((k, i) => `${k}${own[i] ? '' : '|correspondance'}`);
  const breaks = new Set<number>();
  const lastOf = new Map<string, { year: number; own: boolean }>();
  keys.forEach((k, i) => {
    const y = years[i] ?? NaN;
    const prev = lastOf.get(k);
    if (prev && prev.own !== own[i]) breaks.add((prev.year + y) / 2);
    lastOf.set(k, { year: y, own: own[i] ?? true });
  });
  const labels = keys.map(
    (k, i) =>
      opts.labels?.get(k) ??
      territoryLabel({
        level: (levels[i] ?? 'france') as TerritoryLevel,
        code: codes[i] ?? '',
        name: names[i],
      }),
  );
  const order = [...(opts.order ?? []), ...keys].filter(
    (k, i, all) => all.indexOf(k) === i && keys.includes(k),
  );
  const baseYear = new Map<string, number>();
  const baseValue = new Map<string, number>();
  if (opts.base100) {
    for (let i = 0; i < n; i++) {
      const k = keys[i] ?? '';
      const v = value[i] ?? NaN;
      const y = years[i] ?? NaN;
      if (Number.isNaN(v) || v === 0) continue;
      if (!baseYear.has(k) || y < (baseYear.get(k) ?? Infinity)) {
        baseYear.set(k, y);
        baseValue.set(k, v);
      }
    }
  }
  const scale = (i: number): number =>
    opts.base100 ? 100 / (baseValue.get(keys[i] ?? '') ?? NaN) : 1;
  return {
    keys,
    labels,
    years,
    y: value.map((v, i) => v * scale(i)),
    low: low.map((v, i) => v * scale(i)),
    high: high.map((v, i) => v * scale(i)),
    suppressed: flags(table, 'suppressed'),
    order,
    baseYear,
    own,
    segments,
    breaks: [...breaks].sort((a, b) => a - b),
  };
}

/**
 * Direct labels at each series' last value, pushed apart so they are at least one line (~13 px)
 * apart: converging series would otherwise print their names on top of each other.
 */
export function labelEnds(
  d: SeriesData,
  plotHeight: number,
): { x: number; y: number; label: string }[] {
  const last = new Map<string, { x: number; y: number; label: string }>();
  let lo = 0;
  let hi = 0;
  d.keys.forEach((k, i) => {
    const y = d.y[i] ?? NaN;
    const x = d.years[i] ?? NaN;
    if (!Number.isFinite(y) || !Number.isFinite(x)) return;
    const low = d.low[i] ?? NaN;
    const high = d.high[i] ?? NaN;
    lo = Math.min(lo, y, Number.isFinite(low) ? low : y);
    hi = Math.max(hi, y, Number.isFinite(high) ? high : y);
    const prev = last.get(k);
    if (!prev || x >= prev.x) last.set(k, { x, y, label: d.labels[i] ?? k });
  });
  const ends = [...last.values()].sort((a, b) => a.y - b.y);
  const gap = ((hi - lo || 1) * 13) / Math.max(plotHeight, 1);
  for (let i = 1; i < ends.length; i++) {
    const prev = ends[i - 1];
    const cur = ends[i];
    if (prev && cur && cur.y - prev.y < gap) cur.y = prev.y + gap;
  }
  return ends;
}

/** Plot options for the series chart. */
export function seriesChart(table: Table, opts: SeriesChartOptions): Plot.PlotOptions {
  const d = deriveSeries(table, opts);
  const decimals = opts.base100 ? 0 : opts.indicator.decimals;
  const labelOf = new Map(d.keys.map((k, i) => [k, d.labels[i] ?? k]));
  const domain = d.order.map((k) => labelOf.get(k) ?? k);
  const finiteYears = Array.from(d.years).filter(Number.isFinite);
  const x0 = Math.min(...finiteYears);
  const x1 = Math.max(...finiteYears);
  const index = Array.from({ length: d.keys.length }, (_, i) => i);
  const first = d.order[0];
  const hasBands =
    opts.bands !== false && d.low.some((v, i) => Number.isFinite(v) && Number.isFinite(d.high[i]));
  const facet = opts.smallMultiples === true && d.order.length > 1;
  const events = [
    ...(opts.events ?? []).map((e) => ({ ...e, x: fractionalYear(e.date) })),
    ...d.breaks.map((x) => ({ date: '', label: QPV_LIST_BREAK, x })),
  ].filter((e) => e.x >= x0 - 0.5 && e.x <= x1 + 0.5);
  const common = { x: d.years, z: d.segments, fy: facet ? d.labels : undefined };
  const height = opts.height ?? (facet ? Math.max(90 * d.order.length, 200) : 320);
  const ends = facet ? [] : labelEnds(d, height - 40);
  const marks: Plot.Markish[] = [
    Plot.ruleY([opts.base100 ? 100 : 0], { stroke: '#929292' }),
    ...events.map((e, i) => [
      Plot.ruleX([e.x], { stroke: '#6a6a6a', strokeDasharray: '4,3' }),
      // Staggered so that two close events do not overwrite each other on a narrow chart.
      Plot.text([e.label], {
        x: e.x,
        frameAnchor: 'top',
        textAnchor: 'start',
        dx: 3,
        dy: 2 - 12 * (events.length - i),
        fontSize: 10,
        fill: '#3a3a3a',
      }),
    ]),
    hasBands
      ? Plot.areaY(index, { ...common, y1: d.low, y2: d.high, fill: d.labels, fillOpacity: 0.14 })
      : null,
    Plot.lineY(index, {
      ...common,
      y: d.y,
      stroke: d.labels,
      strokeWidth: index.map((i) => (d.keys[i] === first ? 2.5 : 1.5)),
      curve: 'linear',
      filter: d.own,
    }),
    // A QPV read through the correspondence (another perimeter): dashed, never joined.
    d.own.every(Boolean)
      ? null
      : Plot.lineY(index, {
          ...common,
          y: d.y,
          stroke: d.labels,
          strokeWidth: 1.5,
          strokeDasharray: '5,3',
          curve: 'linear',
          filter: d.own.map((o) => !o),
        }),
    Plot.dot(index, {
      ...common,
      y: d.y,
      fill: d.labels,
      r: 2.5,
      tip: {
        format: { x: formatYear, y: (v: number) => formatNumber(v, { decimals }), fy: false },
      },
      title: (i: number) =>
        `${d.labels[i] ?? ''}\n${formatYear(d.years[i] ?? 0)} : ${formatNumber(d.y[i], { decimals })}`,
    }),
    facet
      ? null
      : Plot.text(ends, {
          x: ends.map((e) => e.x),
          y: ends.map((e) => e.y),
          text: ends.map((e) => e.label),
          fill: ends.map((e) => e.label),
          dx: 6,
          textAnchor: 'start',
          fontSize: 11,
        }),
  ];
  return {
    width: opts.width,
    height,
    marginLeft: 56,
    marginRight: facet ? 20 : Math.min(150, Math.floor(opts.width * 0.35)),
    marginTop: events.length > 0 ? 10 + 12 * events.length : 12,
    style: { fontFamily: 'Marianne, arial, sans-serif', fontSize: '12px' },
    x: {
      label: null,
      tickFormat: formatYear,
      ticks: Math.max(2, Math.min(x1 - x0 + 1, Math.floor((opts.width - 200) / 48))),
      domain: [x0, x1],
    },
    y: {
      label: opts.base100 ? 'Base 100' : opts.indicator.unit,
      grid: true,
      nice: true,
      zero: !opts.base100,
      tickFormat: (v: number) => formatNumber(v, { decimals: 0 }),
    },
    fy: facet ? { label: null, domain } : undefined,
    color: { domain, range: [...CATEGORICAL] },
    marks,
  };
}
