/**
 * Two maps side by side (`carte2`): what the second map shows, whether both share one
 * classification, and the rows of the data table with both values and their difference. Pure.
 */
import { findIndicator, type IndicatorDefinition } from '../../catalogue';
import type { ResultColumns } from '../../map/join';
import type { SecondMap } from '../../state/app-state';

/** The second map's year and indicator: the first map's, except what `carte2` changes. */
export function secondMapOf(
  second: SecondMap,
  year: number,
  indicator: IndicatorDefinition,
): { readonly year: number; readonly indicator: IndicatorDefinition } {
  return {
    year: second.year ?? year,
    indicator: (second.indicator !== null ? findIndicator(second.indicator) : null) ?? indicator,
  };
}

/**
 * Whether both maps are coloured by one classification: only when the two indicators are drawn
 * alike (both rates, or both counts) in the same unit. Otherwise each map keeps its own classes
 * (a colour of one says nothing of the other) and the legend says so.
 */
export function sharesClasses(a: IndicatorDefinition, b: IndicatorDefinition): boolean {
  return a.kind === b.kind && a.unit === b.unit;
}

/** The values of both results, one after the other: what a shared classification is cut from. */
export function bothValues(a: ResultColumns, b: ResultColumns): Float64Array {
  const out = new Float64Array(a.length + b.length);
  out.set(a.values.subarray(0, a.length), 0);
  out.set(b.values.subarray(0, b.length), a.length);
  return out;
}

export interface TwoMapRow {
  readonly code: string;
  /** Row in the first and second result; -1 when the territory is not in it. */
  readonly first: number;
  readonly second: number;
  /**
   * Second value minus first; null when either is secret, missing or absent (a difference is
   * never computed with a hidden value).
   */
  readonly difference: number | null;
  /** Either value is hidden by statistical confidentiality. */
  readonly secret: boolean;
}

const shown = (cols: ResultColumns, i: number): number | null => {
  if (i < 0 || cols.suppressed[i] === 1) return null;
  const v = cols.values[i] ?? NaN;
  return Number.isNaN(v) ? null : v;
};

/** One row per territory of either result (first result's order, then the second's extra ones). */
export function twoMapRows(a: ResultColumns, b: ResultColumns): TwoMapRow[] {
  const codes = [...a.codes.slice(0, a.length)];
  for (const code of b.codes.slice(0, b.length)) if (!a.index.has(code)) codes.push(code);
  return codes.map((code) => {
    const first = a.index.get(code) ?? -1;
    const second = b.index.get(code) ?? -1;
    const v1 = shown(a, first);
    const v2 = shown(b, second);
    return {
      code,
      first,
      second,
      difference: v1 !== null && v2 !== null ? v2 - v1 : null,
      secret:
        (first >= 0 && a.suppressed[first] === 1) || (second >= 0 && b.suppressed[second] === 1),
    };
  });
}
