/**
 * Arrow result → map. The query result (one row per territory) is read column by column into
 * typed arrays; the map then receives per-feature states (`promoteId: 'code'` +
 * `setFeatureState`). No row objects are made.
 *
 * Feature-state rather than a data-driven paint property (a `match` expression): changing one
 * makes MapLibre re-tile the whole GeoJSON source in its worker, while feature-state only
 * rewrites the paint buffers of the features that changed (scripts/bench-match-join.ts).
 */
import type { Table } from 'apache-arrow';
import { flagBytes, numbers, strings } from '../arrow/columns';
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

/** Colour of a value that is not secret: its class's, or the no-data colour (null, off breaks). */
function valueColor(v: number, styling: Styling): string {
  if (Number.isNaN(v)) return styling.noDataColor;
  const k = classIndex(v, styling.breaks);
  return k < 0 ? styling.noDataColor : (styling.colors[k] ?? styling.noDataColor);
}

/** Radius of a value that is not secret (0 for null or choropleth). */
function valueRadius(v: number, styling: Styling): number {
  return styling.radius && !Number.isNaN(v) ? styling.radius(v) : 0;
}

/** Style of row `i` of a result. */
export function styleOf(cols: ResultColumns, i: number, styling: Styling): FeatureStyle {
  if (cols.suppressed[i] === 1) {
    return { c: styling.secretColor, r: styling.radius ? styling.radius(0) : 0, s: 1 };
  }
  const v = cols.values[i] ?? NaN;
  return { c: valueColor(v, styling), r: valueRadius(v, styling), s: 0 };
}

/** Which rows of a result give their features a state (see `FeatureStates.update`). */
export type StatePick =
  /** Every row: its class colour or radius. */
  | 'all'
  /** Only the secret rows, in the no-data colour: the hatching under proportional symbols. */
  | 'secret'
  /** None: every feature is cleared (circles hidden under a choropleth). */
  | 'none';

/** A feature's state as given to `setFeatureState`; `c: null` clears it. */
export interface FeatureState {
  readonly c: string | null;
  readonly r: number;
  readonly s: 0 | 1;
}

const CLEARED: FeatureState = { c: null, r: 0, s: 0 };

/**
 * The states last given to one source's features, so that a new result touches only the
 * features whose style changed (MapLibre then re-evaluates only their paint) and clears those
 * the new result no longer styles.
 *
 * Rows are compared by position while results keep the same code array (`strings` hands back
 * the same array for the same text: a year or indicator change at one level), by code otherwise.
 * No object is made for a feature that did not change: at commune level that was a style
 * object, a key string and two map entries per feature for each change (~20 ms a change).
 */
export class FeatureStates {
  private codes: readonly string[] = [];
  private c: (string | null)[] = [];
  private r = new Float64Array(0);
  private s = new Uint8Array(0);

  /** Calls `set` with each feature whose state changes from the last update to this result. */
  update(
    cols: ResultColumns,
    styling: Styling,
    pick: StatePick,
    set: (code: string, state: FeatureState) => void,
  ): void {
    const n = cols.length;
    const same = cols.codes === this.codes;
    // Position of each styled feature of the last result, when the rows are not the same.
    let before: Map<string, number> | null = null;
    let kept: Uint8Array | null = null;
    if (!same) {
      before = new Map();
      for (let j = 0; j < this.codes.length; j++)
        if (this.c[j] !== null) before.set(this.codes[j] ?? '', j);
      kept = new Uint8Array(this.codes.length);
    }
    const c = same ? this.c : new Array<string | null>(n).fill(null);
    const r = same ? this.r : new Float64Array(n);
    const s = same ? this.s : new Uint8Array(n);
    const radius = styling.radius;
    for (let i = 0; i < n; i++) {
      let ci: string | null = null;
      let ri = 0;
      let si: 0 | 1 = 0;
      if (cols.suppressed[i] === 1 && pick !== 'none') {
        si = 1;
        ci = pick === 'all' ? styling.secretColor : styling.noDataColor;
        ri = pick === 'all' && radius ? radius(0) : 0;
      } else if (pick === 'all') {
        // styleOf's fields, without its object.
        const v = cols.values[i] ?? NaN;
        ci = valueColor(v, styling);
        ri = valueRadius(v, styling);
      }
      const code = cols.codes[i] ?? '';
      let j: number | undefined = i;
      if (before && kept) {
        j = before.get(code);
        if (j !== undefined) kept[j] = 1;
      }
      const was = j === undefined ? null : (this.c[j] ?? null);
      const changed =
        j === undefined ? ci !== null : was !== ci || this.r[j] !== ri || this.s[j] !== si;
      if (changed) set(code, ci === null ? CLEARED : { c: ci, r: ri, s: si });
      c[i] = ci;
      r[i] = ri;
      s[i] = si;
    }
    if (before && kept) {
      for (const [code, j] of before) if (kept[j] === 0) set(code, CLEARED);
    }
    this.codes = cols.codes;
    this.c = c;
    this.r = r;
    this.s = s;
  }
}
