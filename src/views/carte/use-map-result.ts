/**
 * The map's result for one year. For every level but the communes the view asks DuckDB once for
 * all the years and all the territory types of an indicator, level and dimension filters
 * (`indicatorByTerritoryParts`) and slices the type and year it shows: moving the year slider,
 * playing it, or choosing QPV / hors QPV / rural / urbain is then a slice of a table already in
 * memory rather than a query of 100–150 ms. The communes (35,000 rows a year) keep one query
 * per year and type. What the result is said to answer (`sql`, used as the paint key and by the
 * exports) is always the standalone query of that year and type, which a test proves gives the
 * same rows as the slice.
 */
import type { Table } from 'apache-arrow';
import { useMemo } from 'react';
import type { IndicatorDefinition, MapLevel } from '../../catalogue';
import type { Filters } from '../../query';
import { TERRITORY_TYPES, type TerritoryType } from '../../state/app-state';
import { mapQueries } from './map-queries';
import { useFreshResult, type FreshResult } from './use-fresh-result';

export { mapQueries };

export interface MapResultMeta {
  readonly level: MapLevel;
  readonly indicator: IndicatorDefinition;
}

interface Asked extends MapResultMeta {
  readonly year: number;
  readonly type: TerritoryType;
  /** The standalone query of the year and type. */
  readonly single: string;
  /** Whether the table holds every type and year (to slice) or only `year` and `type`. */
  readonly sliced: boolean;
}

/** The rows of `year` in a table ordered by year (a zero-copy slice). */
function sliceYear(table: Table, year: number): Table {
  const years = table.getChild('year')?.toArray() as ArrayLike<number> | undefined;
  if (!years) return table.slice(0, 0);
  let begin = 0;
  while (begin < years.length && Number(years[begin]) < year) begin++;
  let end = begin;
  while (end < years.length && Number(years[end]) === year) end++;
  return table.slice(begin, end);
}

/**
 * The rows of territory type `type` and `year` in a table of `indicatorByTerritoryParts`
 * (ordered by type, year, code), without its `part` column: zero-copy slices.
 */
export function slicePartYear(table: Table, type: TerritoryType, year: number): Table {
  const parts = table.getChild('part');
  if (!parts) return table.slice(0, 0);
  const target = TERRITORY_TYPES.indexOf(type);
  const rank = (i: number): number => TERRITORY_TYPES.indexOf(parts.get(i) as TerritoryType);
  // First row whose type ranks at least `min` (the rows are ordered by rank).
  const lowerBound = (min: number): number => {
    let lo = 0;
    let hi = table.numRows;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (rank(mid) < min) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const run = table.slice(lowerBound(target), lowerBound(target + 1));
  const columns = table.schema.fields.map((f) => f.name).filter((n) => n !== 'part');
  return sliceYear(run, year).select(columns);
}

export function useMapResult(
  indicator: IndicatorDefinition,
  level: MapLevel,
  year: number,
  filters: Filters,
  /** False: no query (the second map when there is none). */
  enabled = true,
): FreshResult<MapResultMeta> & { readonly sql: string } {
  const q = useMemo(
    () => mapQueries(indicator, level, year, filters),
    [indicator, level, year, filters],
  );
  const type = filters.territoryType;
  const r = useFreshResult<Asked>(enabled ? q.run : null, {
    level,
    indicator,
    year,
    type,
    single: q.single,
    sliced: q.sliced,
  });
  const raw = r.shown;
  const fresh = raw !== null && raw.sql === q.run;
  // A table answering the current request shows the current year and type; an older one keeps
  // showing what it was asked for until the new one arrives.
  const shownYear = fresh ? year : (raw?.meta.year ?? year);
  const shownType = fresh ? type : (raw?.meta.type ?? type);
  const shownSql = fresh ? q.single : (raw?.meta.single ?? q.single);
  const shown = useMemo(
    () =>
      raw === null
        ? null
        : {
            table: raw.meta.sliced ? slicePartYear(raw.table, shownType, shownYear) : raw.table,
            sql: shownSql,
            meta: { level: raw.meta.level, indicator: raw.meta.indicator },
          },
    [raw, shownYear, shownType, shownSql],
  );
  return { shown, pending: r.pending, error: r.error, sql: q.single };
}
