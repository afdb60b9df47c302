/**
 * Arrow result → map. The query result (one row per territory) is read column by column into
 * typed arrays; the map then receives either per-feature states (`promoteId: 'code'` +
 * `setFeatureState`) or one `match` expression. No row objects are made.
 *
 * Feature-state is the default: changing a data-driven paint property (the `match` expression)
 * makes MapLibre re-tile the whole GeoJSON source in its worker, while feature-state only
 * rewrites the paint buffers of the features that changed (see scripts/bench.ts, `join`).
 */
import type { Table } from 'apache-arrow';
import { flagBytes, numbers, strings } from '../charts/arrow-columns';
import type { ExpressionSpecification } from 'maplibre-gl';
import { classIndex } from './classification';

export interface ResultColumns {
  readonly length: number;
  readonly codes: readonly string[];
  /** Value per row, NaN when null (suppressed or not computable). */
  readonly values: Float64Array;
  /** 1 when the row's value is hidden by statistical confidentiality. */
  readonly suppressed: Uint8Array;
  /** Row index of each territory code. */
  readonly index: ReadonlyMap<string, number>;
}

/** Reads `code`, `value` and `suppressed` from an indicator result, chunk by chunk. */
export function readResult(table: Table): ResultColumns {
  const n = table.numRows;
  const codes = strings(table, 'code');
  const values = numbers(table, 'value');
  const suppressed = flagBytes(table, 'suppressed');
  // Only the tooltip looks codes up: the 35,000-entry map of the communes is built on first use.
  let index: Map<string, number> | null = null;
  return {
    length: n,
    codes,
    values,
    suppressed,
    get index(): ReadonlyMap<string, number> {
      if (!index) {
        index = new Map();
        for (let i = 0; i < n; i++) index.set(codes[i] ?? '', i);
      }
      return index;
    },
  };
}

/** The state a feature carries: its fill colour, radius (circles) and confidentiality flag. */
export interface FeatureStyle {
  /** Fill or circle colour. */
  readonly c: string;
  /** Circle radius in pixels (proportional symbols), 0 for choropleth. */
  readonly r: number;
  /** 1 = secret statistique (hatched), 0 otherwise. */
  readonly s: 0 | 1;
}

export interface Styling {
  readonly breaks: readonly number[];
  readonly colors: readonly string[];
  readonly secretColor: string;
  readonly noDataColor: string;
  /** For proportional symbols: radius of a value; absent for choropleth. */
  readonly radius?: (value: number) => number;
}

/** Style of row `i` of a result. */
export function styleOf(cols: ResultColumns, i: number, styling: Styling): FeatureStyle {
  if (cols.suppressed[i] === 1) {
    return { c: styling.secretColor, r: styling.radius ? styling.radius(0) : 0, s: 1 };
  }
  const v = cols.values[i] ?? NaN;
  if (Number.isNaN(v)) return { c: styling.noDataColor, r: 0, s: 0 };
  const k = classIndex(v, styling.breaks);
  return {
    c: k < 0 ? styling.noDataColor : (styling.colors[k] ?? styling.noDataColor),
    r: styling.radius ? styling.radius(v) : 0,
    s: 0,
  };
}

/** Calls `set` with each territory's style (feed it to `map.setFeatureState`). */
export function forEachFeatureStyle(
  cols: ResultColumns,
  styling: Styling,
  set: (code: string, style: FeatureStyle) => void,
): void {
  for (let i = 0; i < cols.length; i++) set(cols.codes[i] ?? '', styleOf(cols, i, styling));
}

/**
 * The same join as one `match` expression on the feature's `code` property, grouping codes by
 * colour so the expression has at most (classes + 2) branches.
 */
export function colorMatchExpression(
  cols: ResultColumns,
  styling: Styling,
): ExpressionSpecification | string {
  const byColor = new Map<string, string[]>();
  for (let i = 0; i < cols.length; i++) {
    const { c } = styleOf(cols, i, styling);
    if (c === styling.noDataColor) continue;
    const list = byColor.get(c);
    if (list) list.push(cols.codes[i] ?? '');
    else byColor.set(c, [cols.codes[i] ?? '']);
  }
  if (byColor.size === 0) return styling.noDataColor;
  const branches: (string | string[])[] = [];
  for (const [color, codes] of byColor) branches.push(codes, color);
  return [
    'match',
    ['get', 'code'],
    ...branches,
    styling.noDataColor,
  ] as unknown as ExpressionSpecification;
}
