/**
 * The map's result for one year. For every level but the communes the view asks DuckDB once for
 * all the years of an indicator, level and filters (`indicatorByTerritoryYears`) and slices the
 * year it shows: moving the year slider, or playing it, is then a slice of a table already in
 * memory rather than a query whose planning alone takes ~120 ms. The communes (35,000 rows a
 * year) keep one query per year. What the result is said to answer (`sql`, used as the paint key
 * and by the exports) is always the year's own standalone query, which a test proves gives the
 * same rows as the slice.
 */
import type { Table } from 'apache-arrow';
import { useMemo } from 'react';
import type { IndicatorDefinition, MapLevel } from '../../catalogue';
import { indicatorByTerritory, indicatorByTerritoryYears, type Filters } from '../../query';
import { useFreshResult, type FreshResult } from './use-fresh-result';

export interface MapResultMeta {
  readonly level: MapLevel;
  readonly indicator: IndicatorDefinition;
}

interface Asked extends MapResultMeta {
  readonly year: number;
  /** The year's standalone query. */
  readonly single: string;
  /** Whether the table holds every year (to slice) or only `year`. */
  readonly allYears: boolean;
}

/** Whether the map asks for all years at once at this level. */
export const sliceYearsAt = (level: MapLevel): boolean => level !== 'commune';

/** The rows of `year` in a table ordered by year (a zero-copy slice). */
export function sliceYear(table: Table, year: number): Table {
  const years = table.getChild('year')?.toArray() as ArrayLike<number> | undefined;
  if (!years) return table.slice(0, 0);
  let begin = 0;
  while (begin < years.length && Number(years[begin]) < year) begin++;
  let end = begin;
  while (end < years.length && Number(years[end]) === year) end++;
  return table.slice(begin, end);
}

/** The queries the map asks for a state: what runs, and the year's own SQL. */
export function mapQueries(
  indicator: IndicatorDefinition,
  level: MapLevel,
  year: number,
  filters: Filters,
): { readonly run: string; readonly single: string; readonly allYears: boolean } {
  const single = indicatorByTerritory(indicator, level, year, filters);
  if (!sliceYearsAt(level)) return { run: single, single, allYears: false };
  return { run: indicatorByTerritoryYears(indicator, level, filters), single, allYears: true };
}

export function useMapResult(
  indicator: IndicatorDefinition,
  level: MapLevel,
  year: number,
  filters: Filters,
): FreshResult<MapResultMeta> & { readonly sql: string } {
  const q = useMemo(
    () => mapQueries(indicator, level, year, filters),
    [indicator, level, year, filters],
  );
  const r = useFreshResult<Asked>(q.run, {
    level,
    indicator,
    year,
    single: q.single,
    allYears: q.allYears,
  });
  const raw = r.shown;
  const fresh = raw !== null && raw.sql === q.run;
  // A table answering the current request shows the current year; an older one keeps showing
  // the year it was asked for until the new one arrives.
  const shownYear = fresh ? year : (raw?.meta.year ?? year);
  const shownSql = fresh ? q.single : (raw?.meta.single ?? q.single);
  const shown = useMemo(
    () =>
      raw === null
        ? null
        : {
            table: raw.meta.allYears ? sliceYear(raw.table, shownYear) : raw.table,
            sql: shownSql,
            meta: { level: raw.meta.level, indicator: raw.meta.indicator },
          },
    [raw, shownYear, shownSql],
  );
  return { shown, pending: r.pending, error: r.error, sql: q.single };
}
