/**
 * The map drawn as vectors (« Carte (SVG) », the report's map): the same GeoJSON MapLibre draws
 * (display coordinates, DROM already moved into their insets by the pipeline), the same join of
 * the result (`styleOf`: class colours, proportional circles, secret cells) and the same legend
 * items, drawn by Observable Plot's `geo` mark in a conic conformal projection like Lambert-93.
 * Pure: takes a DOM document (the page's, or jsdom's in tests) and returns an <svg>.
 */
import * as Plot from '@observablehq/plot';
import type { Feature, FeatureCollection, Point, Position } from 'geojson';
import type { MapLevel } from '../catalogue';
import { formatNumber } from '../format';
import { styleOf, type ResultColumns, type Styling } from './join';
import type { LegendItem } from './legend';
import { QPV_DOT_SIZE } from './map-style';
import { CIRCLE_COLOR, NO_DATA_COLOR, SELECTED_COLOR, SERVICE_COLOR } from './palette';

const SVG_NS = 'http://www.w3.org/2000/svg';
/** Id of the hatch pattern of « secret statistique » areas and legend swatch. */
export const HATCH_PATTERN = 'observatoire-hatch';

/** Lambert-93's cone (parallels 44° and 49°, central meridian 3° E), fitted to the geometry. */
export const FRANCE_PROJECTION = {
  type: 'conic-conformal',
  parallels: [44, 49],
  rotate: [-3, 0],
} as const;

/** Outline width per level, as on the screen (map-style's LINE_WIDTH); communes get none. */
const OUTLINE: Readonly<Record<MapLevel, number>> = {
  region: 1.2,
  departement: 0.8,
  epci: 0.5,
  commune: 0,
  qpv: 0.6,
};

export interface VectorMapLegend {
  readonly title: string;
  readonly unit: string;
  readonly items: readonly LegendItem[];
  readonly circles: {
    readonly values: readonly number[];
    readonly radius: (v: number) => number;
    readonly format: (v: number) => string;
  } | null;
  readonly note: string | null;
}

export interface VectorMapInput {
  readonly level: MapLevel;
  readonly mode: 'choropleth' | 'circles';
  readonly cols: ResultColumns;
  readonly styling: Styling;
  /** The level's areas (`geo/<level>.geojson`). */
  readonly areas: FeatureCollection;
  /** The level's label points (`geo/<level>-points.geojson`): circles and QPV discs. */
  readonly points: FeatureCollection | null;
  /** Regions, drawn as land under QPV (sparse) and used to fit the view when areas are empty. */
  readonly land: FeatureCollection | null;
  /** Départements outlined over finer levels, as on the screen. */
  readonly context: FeatureCollection | null;
  readonly services: FeatureCollection | null;
  readonly selected: string | null;
  readonly legend: VectorMapLegend;
  readonly width: number;
}

const code = (f: Feature): string => {
  const c: unknown = f.properties?.['code'];
  return typeof c === 'string' ? c : String(f.id ?? '');
};

const xy = (f: Feature): [number, number] => {
  const g = f.geometry as Point;
  return [g.coordinates[0] ?? 0, g.coordinates[1] ?? 0];
};

/** Twice the signed planar area of a ring (positive when counter-clockwise). */
function ringArea(ring: readonly Position[]): number {
  let a = 0;
  for (let i = 0, n = ring.length; i < n; i++) {
    const p = ring[i] ?? [0, 0];
    const q = ring[(i + 1) % n] ?? [0, 0];
    a += (p[0] ?? 0) * (q[1] ?? 0) - (q[0] ?? 0) * (p[1] ?? 0);
  }
  return a;
}

/** A polygon wound as d3-geo wants it: exterior clockwise, holes counter-clockwise. */
function windPolygon(rings: readonly Position[][]): Position[][] {
  return rings.map((ring, k) => {
    const ccw = ringArea(ring) > 0;
    return ccw === (k === 0) ? [...ring].reverse() : ring;
  });
}

/**
 * The features wound for d3-geo. GeoJSON (RFC 7946, and the pipeline's files) winds exteriors
 * counter-clockwise; d3-geo works on the sphere and reads such a ring as the whole world minus
 * the territory (https://github.com/d3/d3-geo#d3-geo). The input is not modified.
 */
export function windForD3(features: readonly Feature[]): Feature[] {
  return features.map((f) => {
    const g = f.geometry;
    if (g.type === 'Polygon')
      return { ...f, geometry: { ...g, coordinates: windPolygon(g.coordinates) } };
    if (g.type === 'MultiPolygon')
      return { ...f, geometry: { ...g, coordinates: g.coordinates.map(windPolygon) } };
    return f;
  });
}

/** Row index of each code of the result (built once per drawing). */
function indexOf(cols: ResultColumns): Map<string, number> {
  const m = new Map<string, number>();
  for (let i = 0; i < cols.length; i++) m.set(cols.codes[i] ?? '', i);
  return m;
}

/** The hatch of secret areas, as MapLibre's `hatchImage`: 8 px diagonal bands, dark grey. */
function hatchDefs(doc: Document): SVGDefsElement {
  const defs = doc.createElementNS(SVG_NS, 'defs');
  const pattern = doc.createElementNS(SVG_NS, 'pattern');
  for (const [k, v] of Object.entries({
    id: HATCH_PATTERN,
    width: 8,
    height: 8,
    patternUnits: 'userSpaceOnUse',
  }))
    pattern.setAttribute(k, String(v));
  const path = doc.createElementNS(SVG_NS, 'path');
  path.setAttribute('d', 'M-2,2L2,-2M0,8L8,0M6,10L10,6');
  path.setAttribute('stroke', '#3a3a3a');
  path.setAttribute('stroke-opacity', '0.6');
  path.setAttribute('stroke-width', '1.5');
  pattern.append(path);
  defs.append(pattern);
  return defs;
}

/** The Plot marks of the map. */
function mapMarks(input: VectorMapInput): Plot.Markish[] {
  const { cols, styling, level, mode } = input;
  const rows = indexOf(cols);
  const rowOf = (f: Feature): number => rows.get(code(f)) ?? -1;
  const marks: Plot.Markish[] = [(_i, _s, _v, _d, ctx) => hatchDefs(ctx.document)];
  const areas = input.areas.features;
  if (level === 'qpv' && input.land)
    marks.push(Plot.geo(input.land.features, { fill: '#ffffff', stroke: '#d0d0d0' }));
  // Under circles only the secret areas are styled (grey, hatched), as on the screen.
  const fill = (f: Feature): string => {
    const i = rowOf(f);
    if (i < 0) return styling.noDataColor;
    if (mode === 'circles') return NO_DATA_COLOR;
    return styleOf(cols, i, styling).c;
  };
  const outline = OUTLINE[level];
  marks.push(
    Plot.geo(areas, {
      fill,
      ...(outline > 0
        ? { stroke: level === 'qpv' ? '#3a3a3a' : '#ffffff', strokeWidth: outline }
        : {}),
    }),
  );
  const secret = areas.filter((f) => cols.suppressed[rowOf(f)] === 1);
  if (secret.length > 0) marks.push(Plot.geo(secret, { fill: `url(#${HATCH_PATTERN})` }));
  if (input.context && (level === 'epci' || level === 'commune' || level === 'qpv'))
    marks.push(
      Plot.geo(input.context.features, {
        fill: 'none',
        stroke: '#3a3a3a',
        strokeWidth: 0.7,
        strokeOpacity: 0.7,
      }),
    );
  if (input.selected) {
    const sel = areas.filter((f) => code(f) === input.selected);
    marks.push(Plot.geo(sel, { fill: 'none', stroke: SELECTED_COLOR, strokeWidth: 2.5 }));
  }
  const points = (input.points?.features ?? []).filter((f) => f.geometry.type === 'Point');
  if (mode === 'circles') marks.push(circleMarks(input, points, rowOf));
  else if (level === 'qpv') marks.push(qpvMarks(input, points, rowOf));
  if (input.services)
    marks.push(
      Plot.dot(input.services.features, {
        x: (f: Feature) => xy(f)[0],
        y: (f: Feature) => xy(f)[1],
        r: 2.5,
        fill: SERVICE_COLOR,
        stroke: '#ffffff',
        strokeWidth: 0.8,
      }),
    );
  return marks;
}

/** Proportional circles at label points, largest first so small ones stay visible. */
function circleMarks(
  input: VectorMapInput,
  points: Feature[],
  rowOf: (f: Feature) => number,
): Plot.Markish {
  const { cols, styling } = input;
  const drawn = points
    .map((f) => ({ f, i: rowOf(f) }))
    .filter(({ i }) => i >= 0)
    .map(({ f, i }) => ({ f, style: styleOf(cols, i, styling) }))
    .filter(({ style }) => style.r > 0)
    .sort((a, b) => b.style.r - a.style.r);
  return Plot.dot(drawn, {
    x: (d: (typeof drawn)[number]) => xy(d.f)[0],
    y: (d: (typeof drawn)[number]) => xy(d.f)[1],
    r: (d: (typeof drawn)[number]) => d.style.r,
    fill: (d: (typeof drawn)[number]) => d.style.c,
    fillOpacity: 0.85,
    stroke: (d: (typeof drawn)[number]) => (code(d.f) === input.selected ? SELECTED_COLOR : '#fff'),
    strokeWidth: 0.6,
  });
}

/**
 * QPV as discs of their class colour: those at their main commune's point (no official contour)
 * moved by the pipeline's `offset` in pixels, as MapLibre's symbol layer does, so several QPV of
 * one commune do not cover each other; those with a contour as small dots at national scale.
 */
function qpvMarks(
  input: VectorMapInput,
  points: Feature[],
  rowOf: (f: Feature) => number,
): Plot.Markish {
  const { cols, styling } = input;
  const drawn = points
    .map((f) => ({ f, i: rowOf(f) }))
    .filter(({ i }) => i >= 0)
    .map(({ f, i }) => {
      const atCommune = f.properties?.['position'] === 'commune';
      const offset: unknown = f.properties?.['offset'];
      const [dx, dy] =
        atCommune && Array.isArray(offset) ? offset.map((v) => Number(v) || 0) : [0, 0];
      return {
        f,
        color: styleOf(cols, i, styling).c,
        r: atCommune ? QPV_DOT_SIZE / 2 : 4.5,
        dx: dx ?? 0,
        dy: dy ?? 0,
      };
    });
  return Plot.dot(drawn, {
    x: (d: (typeof drawn)[number]) => xy(d.f)[0],
    y: (d: (typeof drawn)[number]) => xy(d.f)[1],
    r: (d: (typeof drawn)[number]) => d.r,
    fill: (d: (typeof drawn)[number]) => d.color,
    stroke: (d: (typeof drawn)[number]) => (code(d.f) === input.selected ? SELECTED_COLOR : '#fff'),
    strokeWidth: 1,
    // Screen-pixel offsets are added after projection, like MapLibre's `icon-offset`.
    render: (index, scales, values, dims, ctx, next) => {
      const x = Array.from(values.x ?? [], (v, i) => Number(v) + (drawn[i]?.dx ?? 0));
      const y = Array.from(values.y ?? [], (v, i) => Number(v) + (drawn[i]?.dy ?? 0));
      return next ? next(index, scales, { ...values, x, y } as typeof values, dims, ctx) : null;
    },
  });
}

/** The map alone, as Plot draws it: its height follows France's shape at `width`. */
export function vectorMapPlot(raw: VectorMapInput, doc: Document): SVGSVGElement {
  const wound = (fc: FeatureCollection | null): FeatureCollection | null =>
    fc && { type: 'FeatureCollection', features: windForD3(fc.features) };
  const input: VectorMapInput = {
    ...raw,
    areas: wound(raw.areas) ?? raw.areas,
    land: wound(raw.land),
    context: wound(raw.context),
  };
  // The whole country and its insets, as the screen fits them (the QPV alone are a few dots).
  const domain = input.land && input.land.features.length > 0 ? input.land : input.areas;
  const plot = Plot.plot({
    document: doc,
    width: input.width,
    margin: 4,
    projection: { ...FRANCE_PROJECTION, parallels: [44, 49], rotate: [-3, 0], domain },
    color: { type: 'identity' },
    r: { type: 'identity' },
    marks: mapMarks(input),
  });
  // d3-geo writes 3 decimals; a tenth of a pixel is plenty at this size and makes the communes'
  // file about a third lighter (8.9 MB with 3 decimals).
  for (const path of Array.from(plot.querySelectorAll('g[aria-label="geo"] path'))) {
    const d = path.getAttribute('d');
    if (d)
      path.setAttribute(
        'd',
        d.replace(/\d+\.\d+/g, (n) => String(Math.round(+n * 10) / 10)),
      );
  }
  return plot as unknown as SVGSVGElement;
}

function el(
  doc: Document,
  tag: string,
  attrs: Record<string, string | number>,
  text?: string,
): SVGElement {
  const node = doc.createElementNS(SVG_NS, tag) as SVGElement;
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = text;
  return node;
}

/** Greedy word wrap at `max` characters (the note under the legend). */
function wrap(text: string, max: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > max) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

const LEGEND_TEXT = 12;
const LEGEND_ROW = 18;

/**
 * The map and, under it, its legend as the screen's MapLegend shows it: title and unit, the
 * reference circles, one line per class with its count, « Secret statistique » with the hatch,
 * « Non disponible », and the note.
 */
export function drawVectorMap(input: VectorMapInput, doc: Document): SVGSVGElement {
  const map = vectorMapPlot(input, doc);
  const width = input.width;
  const mapHeight = Number(map.getAttribute('height')) || 0;
  const root = el(doc, 'svg', { width, height: 0, class: 'observatoire-vector-map' });
  map.setAttribute('x', '0');
  map.setAttribute('y', '0');
  root.append(map);
  const { legend } = input;
  const g = el(doc, 'g', { class: 'observatoire-vector-legend', 'font-size': LEGEND_TEXT });
  root.append(g);
  let y = mapHeight + 16;
  const x = 8;
  g.append(el(doc, 'text', { x, y, 'font-weight': 700 }, legend.title));
  y += LEGEND_ROW;
  g.append(el(doc, 'text', { x, y, fill: '#3a3a3a' }, legend.unit));
  const circles = legend.circles;
  if (circles && circles.values.length > 0) {
    const maxR = Math.max(4, ...circles.values.map(circles.radius));
    const base = y + 8 + maxR * 2;
    for (const v of circles.values) {
      const r = circles.radius(v);
      g.append(
        el(doc, 'circle', { cx: x + maxR, cy: base - r, r, fill: 'none', stroke: CIRCLE_COLOR }),
      );
      g.append(
        el(doc, 'line', {
          x1: x + maxR,
          x2: x + maxR * 2 + 8,
          y1: base - 2 * r,
          y2: base - 2 * r,
          stroke: '#929292',
        }),
      );
      g.append(el(doc, 'text', { x: x + maxR * 2 + 10, y: base - 2 * r + 4 }, circles.format(v)));
    }
    y = base;
  }
  for (const item of legend.items) {
    y += LEGEND_ROW;
    const swatch = { x, y: y - 11, width: 14, height: 12, stroke: '#666', 'stroke-width': 0.5 };
    g.append(el(doc, 'rect', { ...swatch, fill: item.color, 'data-kind': item.kind }));
    if (item.kind === 'secret')
      g.append(el(doc, 'rect', { ...swatch, fill: `url(#${HATCH_PATTERN})` }));
    g.append(
      el(doc, 'text', { x: x + 22, y }, `${item.label} (${formatNumber(item.count)} terr.)`),
    );
  }
  if (input.services) {
    y += LEGEND_ROW;
    g.append(el(doc, 'circle', { cx: x + 7, cy: y - 5, r: 4, fill: SERVICE_COLOR }));
    g.append(
      el(
        doc,
        'text',
        { x: x + 22, y },
        `France services et MSAP (${formatNumber(input.services.features.length)})`,
      ),
    );
  }
  if (legend.note) {
    y += 4;
    for (const line of wrap(legend.note, Math.floor((width - 2 * x) / 6))) {
      y += 15;
      g.append(el(doc, 'text', { x, y, 'font-size': 11, fill: '#3a3a3a' }, line));
    }
  }
  const height = Math.ceil(y + 8);
  root.setAttribute('height', String(height));
  root.setAttribute('viewBox', `0 0 ${width} ${height}`);
  return root as SVGSVGElement;
}
