/**
 * Funnel plot of one rate indicator: each unit's rate against its size (population for rates
 * per inhabitants, eligible people for proportions), with 95 % and 99.8 % control limits around
 * the national rate (src/stats/funnel-limits.ts). Experimental sites and custom groups are
 * labelled; comparison territories are grey dots. derive → lay out (Plot options) → draw.
 */
import * as Plot from '@observablehq/plot';
import type { Table } from 'apache-arrow';
import type { IndicatorDefinition } from '../catalogue';
import {
  classifyFunnelPoint,
  funnelCurve,
  type FunnelClass,
  type FunnelLimitRow,
  type FunnelModel,
} from '../stats';
import { formatNumber } from '../format';
import { hasFunnel } from '../query';

export type FunnelRole = 'site' | 'comparison';

export interface FunnelPoint {
  readonly code: string;
  readonly name: string;
  readonly role: FunnelRole;
  readonly numerator: number;
  readonly size: number;
  /** Rate × the indicator's factor, as displayed. */
  readonly value: number;
  readonly class: FunnelClass;
  readonly side: 'above' | 'below' | 'on';
}

export interface FunnelData {
  readonly model: FunnelModel;
  /** National rate × factor (the centre line). */
  readonly target: number;
  readonly factor: number;
  readonly decimals: number;
  readonly points: readonly FunnelPoint[];
  /** Limits × factor, at sizes spanning the points. */
  readonly limits: readonly FunnelLimitRow[];
  /** Units left out because their figures are under statistical confidentiality. */
  readonly hidden: number;
}

/** Which model the funnel of an indicator uses, or null when it has no funnel (counts). */
export function funnelModel(indicator: IndicatorDefinition): FunnelModel | null {
  if (!hasFunnel(indicator)) return null;
  return indicator.interval === 'wilson' ? 'binomial' : 'poisson';
}

export const FUNNEL_CLASS_LABELS: Readonly<Record<FunnelClass, string>> = {
  inside: 'dans les limites',
  beyond95: 'au-delà de la limite à 95 %',
  beyond998: 'au-delà de la limite à 99,8 %',
};

function numberColumn(table: Table, name: string): (i: number) => number | null {
  const col = table.getChild(name);
  if (!col) throw new Error(`Colonne « ${name} » absente du résultat`);
  return (i) => {
    const v: unknown = col.get(i);
    if (v === null || v === undefined) return null;
    const n = Number(v);
    return Number.isFinite(n) ? n : null;
  };
}

function stringColumn(table: Table, name: string): (i: number) => string {
  const col = table.getChild(name);
  if (!col) throw new Error(`Colonne « ${name} » absente du résultat`);
  return (i) => String(col.get(i) ?? '');
}

/**
 * Reads the points of one year from query results (columns code, name, numerator, denominator,
 * and year when a source is a multi-year series) and classifies them against the national rate
 * numerator / denominator.
 */
export function deriveFunnel(
  indicator: IndicatorDefinition,
  national: { readonly numerator: number; readonly denominator: number },
  sources: readonly {
    readonly table: Table;
    readonly role: FunnelRole;
    /** Keep only this year's rows (a multi-year series result); all rows when absent. */
    readonly year?: number;
  }[],
): FunnelData | null {
  const model = funnelModel(indicator);
  if (model === null || !(national.denominator > 0) || !(national.numerator >= 0)) return null;
  const rate = national.numerator / national.denominator;
  if (model === 'binomial' && rate > 1) return null;
  const points: FunnelPoint[] = [];
  let hidden = 0;
  for (const { table, role, year } of sources) {
    const yearOf = year === undefined ? null : numberColumn(table, 'year');
    const code = stringColumn(table, 'code');
    const name = stringColumn(table, 'name');
    const num = numberColumn(table, 'numerator');
    const den = numberColumn(table, 'denominator');
    for (let i = 0; i < table.numRows; i++) {
      if (yearOf && yearOf(i) !== year) continue;
      const n = num(i);
      const d = den(i);
      if (n === null || d === null || !(d > 0) || (model === 'binomial' && n > d)) {
        hidden++;
        continue;
      }
      const size = model === 'binomial' ? Math.round(d) : d;
      const c = classifyFunnelPoint(model, rate, model === 'binomial' ? Math.round(n) : n, size);
      points.push({
        code: code(i),
        name: name(i),
        role,
        numerator: n,
        size,
        value: (n / d) * indicator.factor,
        class: c.class,
        side: c.side,
      });
    }
  }
  const sizes = points.map((p) => p.size);
  const min = sizes.length ? Math.max(1, Math.min(...sizes) / 1.5) : 1_000;
  const max = sizes.length ? Math.max(...sizes) * 1.5 : 1_000_000;
  const limits = funnelCurve(model, rate, min, Math.max(max, min * 10), 80).map((r) => ({
    size: r.size,
    low95: r.low95 * indicator.factor,
    high95: r.high95 * indicator.factor,
    low998: r.low998 * indicator.factor,
    high998: r.high998 * indicator.factor,
  }));
  return {
    model,
    target: rate * indicator.factor,
    factor: indicator.factor,
    decimals: indicator.decimals,
    points,
    limits,
    hidden,
  };
}

export interface FunnelLayout {
  readonly width: number;
  readonly height?: number;
  /** Label of the x axis (what the size is). */
  readonly sizeLabel: string;
  /** Label of the y axis (the indicator and its unit). */
  readonly valueLabel: string;
}

/** Colour says the side (red above, blue below), the symbol says how far: read without colour. */
function siteFill(p: FunnelPoint): string {
  if (p.class === 'inside') return '#6a6af4';
  return p.side === 'above' ? '#ce0500' : '#000091';
}
const SITE_SYMBOL: Readonly<Record<FunnelClass, string>> = {
  inside: 'circle',
  beyond95: 'diamond',
  beyond998: 'star',
};

/** Radius of a comparison territory's grey dot. */
const GREY_RADIUS = 2.5;

const SVG_NS = 'http://www.w3.org/2000/svg';
const fixed = (v: number): string => String(Math.round(v * 10) / 10);

/**
 * Render transform of the grey dots: the mark's group as Plot makes it (fill, opacity, clip,
 * offset), holding one `<path>` with a circle per territory instead of a `<circle>` and a
 * `<title>` each. About 1,255 EPCI per funnel and three funnels on Sites: 7,500 SVG elements that
 * Plot created and the browser styled, laid out and painted, for dots that are read through the
 * tip (`funnelTip`) and the territories' table, not one by one.
 */
function dotsAsOnePath(r: number): Plot.RenderFunction {
  return (index, scales, values, dimensions, context, next) => {
    const g = next?.([], scales, values, dimensions, context) ?? null;
    const X = values.x;
    const Y = values.y;
    if (!g || !X || !Y) return g;
    const d: string[] = [];
    for (const i of index) {
      const x = Number(X[i]);
      const y = Number(Y[i]);
      d.push(`M${fixed(x - r)},${fixed(y)}a${r},${r} 0 1,0 ${2 * r},0a${r},${r} 0 1,0 ${-2 * r},0`);
    }
    const path = context.document.createElementNS(SVG_NS, 'path');
    path.setAttribute('d', d.join(''));
    // Into the group that carries the mark's fill (inside the clip's group when clipped).
    (g.getAttribute('fill') === null ? (g.querySelector('g[fill]') ?? g) : g).append(path);
    return g;
  };
}

/**
 * Render transform of the site dots: each named shape is an image (`role="img"`), which its name
 * needs (axe-core `aria-prohibited-attr`: a `<title>` gave them a role before the tip replaced it).
 */
const namedImages: Plot.RenderFunction = (index, scales, values, dimensions, context, next) => {
  const g = next?.(index, scales, values, dimensions, context) ?? null;
  for (const el of g?.querySelectorAll('[aria-label]') ?? [])
    if (el.tagName.toLowerCase() !== 'g') el.setAttribute('role', 'img');
  return g;
};

/** Accessible label of a point (also its tooltip). */
export function funnelPointLabel(p: FunnelPoint, decimals: number): string {
  const side = p.side === 'above' ? 'au-dessus' : p.side === 'below' ? 'en dessous' : 'au niveau';
  return `${p.name} : ${formatNumber(p.value, { decimals })} (effectif ${formatNumber(p.size)}), ${side} du taux national, ${FUNNEL_CLASS_LABELS[p.class]}`;
}

/** Plot options of the funnel (no DOM). Render with `Plot.plot(options)`. */
export function funnelPlot(data: FunnelData, layout: FunnelLayout): Plot.PlotOptions {
  const sites = data.points.filter((p) => p.role === 'site');
  const others = data.points.filter((p) => p.role === 'comparison');
  // The limits shoot up for tiny units: scale on the points and the target, let the curves clip.
  const values = [data.target, ...data.points.map((p) => p.value)];
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const span = Math.max(hi - lo, data.target * 0.2, 1e-9);
  const domain = [Math.max(0, lo - span * 0.6), hi + span * 0.6];
  // Labels alternate above and below along the x axis so that neighbours do not overlap.
  const rank = new Map([...sites].sort((a, b) => a.size - b.size).map((p, i) => [p.code, i]));
  const label = (p: FunnelPoint): string => funnelPointLabel(p, data.decimals);
  const tipLabel = (i: number): string => {
    const p = data.points[i];
    return p ? label(p) : '';
  };
  return {
    width: layout.width,
    height: layout.height ?? Math.round(Math.min(420, Math.max(280, layout.width * 0.55))),
    marginLeft: 56,
    marginRight: 36,
    style: { fontFamily: 'Marianne, arial, sans-serif', fontSize: '12px' },
    x: {
      type: 'log',
      label: layout.sizeLabel,
      grid: true,
      tickFormat: (d: number) => formatNumber(d),
      ticks: 5,
    },
    y: { label: layout.valueLabel, grid: true, domain, nice: true },
    clip: true,
    symbol: { domain: ['circle', 'diamond', 'star'], range: ['circle', 'diamond', 'star'] },
    marks: [
      Plot.ruleY([data.target], { stroke: '#161616', strokeWidth: 1.5 }),
      Plot.line(data.limits, { x: 'size', y: 'high95', stroke: '#666', strokeDasharray: '4 3' }),
      Plot.line(data.limits, { x: 'size', y: 'low95', stroke: '#666', strokeDasharray: '4 3' }),
      Plot.line(data.limits, { x: 'size', y: 'high998', stroke: '#666' }),
      Plot.line(data.limits, { x: 'size', y: 'low998', stroke: '#666' }),
      Plot.dot(others, {
        x: 'size',
        y: 'value',
        r: GREY_RADIUS,
        fill: '#929292',
        fillOpacity: 0.7,
        ariaHidden: 'true',
        render: dotsAsOnePath(GREY_RADIUS),
      }),
      Plot.dot(sites, {
        x: 'size',
        y: 'value',
        r: 6,
        symbol: (p: FunnelPoint) => SITE_SYMBOL[p.class],
        fill: siteFill,
        stroke: 'white',
        strokeWidth: 1.5,
        ariaLabel: label,
        render: namedImages,
      }),
      ...[0, 1].map((parity) =>
        Plot.text(
          sites.filter((p) => (rank.get(p.code) ?? 0) % 2 === parity),
          {
            x: 'size',
            y: 'value',
            text: 'name',
            dy: parity === 0 ? -12 : 16,
            clip: false,
            fontWeight: 'bold',
            stroke: 'white',
            strokeWidth: 3,
            paintOrder: 'stroke',
            fill: '#161616',
          },
        ),
      ),
      // Every point's label (a site's or a grey territory's) on hover, next to the pointer: the
      // labels are written only for the point shown (`format`), not for the 1,255 dots at once.
      Plot.tip(
        data.points,
        Plot.pointer({
          x: 'size',
          y: 'value',
          title: 'code',
          format: { title: (_: unknown, i: number) => tipLabel(i) },
          // Over the axes too: the tip keeps inside the chart, not inside its frame.
          clip: false,
        }),
      ),
    ],
  };
}
