/** Builders over territory cells: one level for a year (map, table), and yearly series. */
import { FIRST_YEAR, LAST_YEAR, TERRITORY_LEVELS, type TerritoryLevel } from '../catalogue/schema';
import type { IndicatorDefinition } from '../catalogue/indicators';
import type { TerritoryRef } from '../state/app-state';
import { ALL_PARTS, factFilterSql, partOf, type Filters } from './filters';
import {
  baseCtes,
  checkYears,
  levelCellsCtes,
  outputColumns,
  withQuery,
  withinSql,
  type YearSpan,
} from './cells';
import { sqlInteger, sqlString } from './sql';

/** Default span of series: the observatory's years. */
export const ALL_YEARS: YearSpan = { from: FIRST_YEAR, to: LAST_YEAR };

/**
 * One row per territory of `level` for `year` (map, table, tooltip), ordered by code. With
 * `within`, only the territories inside it (suppression is still computed over the whole level,
 * so the figures are the same as on the national map). Levels where the indicator is not valid
 * give an empty result. Columns: see src/query/index.ts.
 */
export function indicatorByTerritory(
  ind: IndicatorDefinition,
  level: TerritoryLevel,
  year: number,
  filters: Filters,
  opts: { within?: TerritoryRef } = {},
): string {
  const y = Number(sqlInteger(year));
  return byTerritory(ind, level, { from: y, to: y }, filters, opts.within, 'code');
}

/**
 * The rows of `indicatorByTerritory` for every year of `years` at once, ordered by year then
 * code, so that each year is one contiguous run of rows equal to that year's single query (every
 * suppression pass partitions by year, so a cell does not depend on the span). The map asks for
 * this once per indicator, level and filters, and a change of year is then a slice, not a
 * query: the SQL text is ~30 CTEs whose planning alone costs DuckDB-WASM ~120 ms, the same for
 * one year as for ten.
 */
export function indicatorByTerritoryYears(
  ind: IndicatorDefinition,
  level: TerritoryLevel,
  filters: Filters,
  years: YearSpan = ALL_YEARS,
): string {
  return byTerritory(ind, level, checkYears(years), filters, undefined, 'year, code');
}

/** SQL rank of a cell's part in ALL_PARTS order (1-based), the order of `indicatorByTerritoryParts`. */
const PART_RANK = `list_position([${ALL_PARTS.map(sqlString).join(', ')}], part)`;

/**
 * The rows of `indicatorByTerritoryYears` for the five territory types at once, with their type
 * in a last column `part`, ordered by type (ALL_PARTS order), year, code. Every figure and every
 * hidden cell is computed for all parts whatever the filter (see `levelCellsCtes`), so each
 * (part, year) run is the single query of that year with that territory-type filter, row for
 * row (a test checks it). The map asks for this once per indicator, level and dimension filters:
 * a change of territory type is then a slice too. `filters.territoryType` is ignored.
 */
export function indicatorByTerritoryParts(
  ind: IndicatorDefinition,
  level: TerritoryLevel,
  filters: Filters,
  years: YearSpan = ALL_YEARS,
): string {
  return byTerritory(ind, level, checkYears(years), filters, undefined, 'year, code', true);
}

function byTerritory(
  ind: IndicatorDefinition,
  level: TerritoryLevel,
  span: YearSpan,
  filters: Filters,
  within: TerritoryRef | undefined,
  order: string,
  allParts = false,
): string {
  const cells = levelCellsCtes(ind, level);
  const valid = ind.levels.includes(level) ? 'TRUE' : 'FALSE';
  const columns = allParts
    ? `${outputColumns(ind, 'per-part')},\n  part`
    : outputColumns(ind, filters.territoryType);
  const part = allParts ? 'TRUE' : `part = ${sqlString(partOf(filters.territoryType))}`;
  return withQuery(
    [...baseCtes(ind, span, factFilterSql(ind, filters)), ...cells.ctes],
    `SELECT\n  ${columns}\nFROM ${cells.name}\n` +
      `WHERE ${part} AND ${withinSql(level, within)} AND ${valid}\n` +
      `ORDER BY ${allParts ? `${PART_RANK}, ` : ''}${order}`,
  );
}

/**
 * Yearly series (one row per territory and year, ordered by level, code, year) for territories of
 * any levels; each figure equals the one `indicatorByTerritory` gives for that level and year.
 */
export function indicatorSeries(
  ind: IndicatorDefinition,
  territories: readonly TerritoryRef[],
  filters: Filters,
  years: YearSpan = ALL_YEARS,
): string {
  const levels = TERRITORY_LEVELS.filter((l) => territories.some((t) => t.level === l));
  const ctes = baseCtes(ind, years, factFilterSql(ind, filters));
  const selects: string[] = [];
  for (const level of levels) {
    const cells = levelCellsCtes(ind, level);
    ctes.push(...cells.ctes);
    const codes = territories.filter((t) => t.level === level).map((t) => sqlString(t.code));
    const valid = ind.levels.includes(level) ? 'TRUE' : 'FALSE';
    selects.push(
      `SELECT\n  ${outputColumns(ind, filters.territoryType)}\nFROM ${cells.name}\n` +
        `WHERE part = ${sqlString(partOf(filters.territoryType))} AND code IN (${codes.join(', ')}) AND ${valid}`,
    );
  }
  if (selects.length === 0) return emptyResult();
  const levelOrder = `array_position([${TERRITORY_LEVELS.map(sqlString).join(', ')}], level)`;
  return withQuery(
    ctes,
    `SELECT * FROM (\n${selects.join('\nUNION ALL\n')}\n)\nORDER BY ${levelOrder}, code, year`,
  );
}

/** A query with the builders' columns and no row (nothing asked). */
export function emptyResult(): string {
  return (
    'SELECT NULL::VARCHAR AS level, NULL::VARCHAR AS code, NULL::VARCHAR AS name, NULL::INTEGER AS year, ' +
    'NULL::VARCHAR AS key, NULL::DOUBLE AS numerator, NULL::DOUBLE AS denominator, NULL::DOUBLE AS value, ' +
    'NULL::DOUBLE AS low, NULL::DOUBLE AS high, NULL::BOOLEAN AS suppressed, NULL::DOUBLE AS population WHERE FALSE'
  );
}
