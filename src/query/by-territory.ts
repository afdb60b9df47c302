/** Builders over territory cells: one level for a year (map, table), and yearly series. */
import {
  FIRST_YEAR,
  LAST_YEAR,
  PARTS,
  TERRITORY_LEVELS,
  type TerritoryLevel,
  type TerritoryRef,
} from '../catalogue/schema';
import type { IndicatorDefinition } from '../catalogue/indicators';
import { figuresPublished, type Filters } from './filters';
import {
  checkYears,
  levelRowsCtes,
  outputColumns,
  typeApplies,
  withQuery,
  withinSql,
  type YearSpan,
} from './cells';
import { sqlInteger, sqlString } from './sql';

/** Default span of series: the observatory's years. */
export const ALL_YEARS: YearSpan = { from: FIRST_YEAR, to: LAST_YEAR };

/**
 * One row per territory of `level` for `year` (map, table, tooltip), ordered by code. With
 * `within`, only the territories inside it. Levels where the indicator is not valid give an empty
 * result; so do the communes and QPV outside the part the territory-type filter selects.
 * Columns: see src/query/index.ts.
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
 * code, so that each year is one contiguous run of rows equal to that year's single query.
 */
export function indicatorByTerritoryYears(
  ind: IndicatorDefinition,
  level: TerritoryLevel,
  filters: Filters,
  years: YearSpan = ALL_YEARS,
): string {
  return byTerritory(ind, level, checkYears(years), filters, undefined, 'year, code');
}

/** SQL rank of a row's part in PARTS order (1-based), the order of `indicatorByTerritoryParts`. */
const PART_RANK = `list_position([${PARTS.map(sqlString).join(', ')}], part)`;

/**
 * The rows of `indicatorByTerritoryYears` for every territory type at once, with their type in a
 * last column `part`, ordered by type (PARTS order), year, code: each (part, year) run is the
 * single query of that year with that territory-type filter, row for row (a test checks it). The
 * map asks for this once per indicator, level and breakdown: a change of territory type or year
 * is then a slice. `filters.territoryType` is ignored.
 */
export function indicatorByTerritoryParts(
  ind: IndicatorDefinition,
  level: TerritoryLevel,
  filters: Filters,
  years: YearSpan = ALL_YEARS,
): string {
  return byTerritory(ind, level, checkYears(years), filters, undefined, 'year, code', true);
}

/** `TRUE`, `FALSE` or a predicate on `part`: where the territory type applies to the indicator. */
function appliesSql(ind: IndicatorDefinition, allParts: boolean, filters: Filters): string {
  if (!allParts) return typeApplies(ind, filters.territoryType) ? 'TRUE' : 'FALSE';
  const shown = PARTS.filter((p) => typeApplies(ind, p));
  return shown.length === PARTS.length ? 'TRUE' : `part IN (${shown.map(sqlString).join(', ')})`;
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
  const parts = allParts ? PARTS : [filters.territoryType];
  const valid = figuresPublished(ind, level, filters) ? 'TRUE' : 'FALSE';
  const columns = outputColumns(ind, 'NULL::VARCHAR', appliesSql(ind, allParts, filters));
  return withQuery(
    levelRowsCtes(ind, level, span, filters, parts),
    `SELECT\n  ${columns}${allParts ? ',\n  part' : ''}\nFROM qc_rows\n` +
      `WHERE ${withinSql(level, within)} AND ${valid}\n` +
      `ORDER BY ${allParts ? `${PART_RANK}, ` : ''}${order}`,
  );
}

/**
 * Yearly series (one row per territory and year, ordered by level, code, year) for territories of
 * any levels; each figure equals the one `indicatorByTerritory` gives for that level and year.
 * Two more columns say where a figure comes from: `source_codes` (the codes read, `;`-joined)
 * and `link`. A QPV is followed across the change of list: in the years of its own list it is
 * itself (`link` = 'meme_code'); before (a 2024 QPV) or after (a 2015 QPV) it is the sum of its
 * predecessors or successors in force that year ('inchange' when the 2024 QPV is unchanged,
 * 'correspondance' otherwise: another perimeter, shown as such, never silently joined). A year
 * where one of those is secret is secret; a QPV with none (new in 2024) has no figure there.
 */
export function indicatorSeries(
  ind: IndicatorDefinition,
  territories: readonly TerritoryRef[],
  filters: Filters,
  years: YearSpan = ALL_YEARS,
): string {
  const levels = TERRITORY_LEVELS.filter((l) => territories.some((t) => t.level === l));
  if (levels.length === 0) return emptyResult(true);
  const span = checkYears(years);
  const selects = levels.map((level) => {
    const codes = territories.filter((t) => t.level === level).map((t) => sqlString(t.code));
    const valid = figuresPublished(ind, level, filters) ? 'TRUE' : 'FALSE';
    const ctes =
      level === 'qpv'
        ? levelRowsCtes(ind, level, span, filters, [filters.territoryType])
        : levelRowsCtes(ind, level, span, filters, [filters.territoryType], {
            codes: territories.filter((t) => t.level === level).map((t) => t.code),
          });
    const columns = outputColumns(ind, 'NULL::VARCHAR', appliesSql(ind, false, filters));
    if (level !== 'qpv')
      return `(${withQuery(
        ctes,
        `SELECT\n  ${columns},\n  code AS source_codes, 'meme_code' AS link\nFROM qc_rows\n` +
          `WHERE code IN (${codes.join(', ')}) AND ${valid}`,
      )})`;
    return `(${withQuery(
      [...ctes, ...qpvSeriesCtes(codes, span)],
      `SELECT\n  ${columns},\n  source_codes, link\nFROM qs_rows\nWHERE ${valid}`,
    )})`;
  });
  const levelOrder = `array_position([${TERRITORY_LEVELS.map(sqlString).join(', ')}], level)`;
  return `SELECT * FROM (\n${selects.join('\nUNION ALL\n')}\n)\nORDER BY ${levelOrder}, code, year`;
}

/**
 * CTEs `qs_map` (series code, year, source code, link) and `qs_rows` (the QPV rows of `qc_rows`
 * summed per series code and year, named after the series QPV) for the QPV `codes`.
 */
function qpvSeriesCtes(codes: readonly string[], span: YearSpan): string[] {
  const years = `(SELECT CAST(range AS INTEGER) AS year FROM range(${sqlInteger(span.from)}, ${sqlInteger(span.to + 1)}))`;
  const asked = `level = 'qpv' AND code IN (${codes.join(', ')})`;
  const inForce = (alias: string): string =>
    `y.year BETWEEN ${alias}.valid_from AND coalesce(${alias}.valid_to, 9999)`;
  return [
    `qs_map AS (\n` +
      `  SELECT t.code AS series, y.year, t.code AS source, 'meme_code' AS link\n` +
      `  FROM (SELECT * FROM territories WHERE ${asked}) t JOIN ${years} y ON ${inForce('t')}\n` +
      `  UNION ALL\n` +
      `  SELECT t.code, y.year, p.code, CASE WHEN t.qpv_status = 'inchange' AND len(string_split(t.predecessors, ';')) = 1 THEN 'inchange' ELSE 'correspondance' END\n` +
      `  FROM (SELECT * FROM territories WHERE ${asked}) t JOIN ${years} y ON y.year < t.valid_from\n` +
      `  JOIN territories p ON p.level = 'qpv' AND list_contains(string_split(t.predecessors, ';'), p.code) AND ${inForce('p')}\n` +
      `  UNION ALL\n` +
      `  SELECT t.code, y.year, s.code, 'correspondance'\n` +
      `  FROM (SELECT * FROM territories WHERE ${asked}) t JOIN ${years} y ON y.year > coalesce(t.valid_to, 9999)\n` +
      `  JOIN territories s ON s.level = 'qpv' AND list_contains(string_split(t.successors, ';'), s.code) AND ${inForce('s')})`,
    `qs_rows AS (\n` +
      `  SELECT 'qpv' AS level, m.series AS code, any_value(n.name) AS name, m.year,\n` +
      `    sum(r.num) AS num, sum(r.den) AS den, bool_or(r.sup) AS sup, sum(r.population) AS population,\n` +
      `    string_agg(m.source, ';' ORDER BY m.source) AS source_codes, any_value(m.link) AS link\n` +
      `  FROM qs_map m JOIN qc_rows r ON r.code = m.source AND r.year = m.year\n` +
      `  JOIN territories n ON n.level = 'qpv' AND n.code = m.series\n` +
      `  GROUP BY m.series, m.year)`,
  ];
}

/** A query with the builders' columns (and, for series, their provenance) and no row. */
export function emptyResult(series = false): string {
  return (
    'SELECT NULL::VARCHAR AS level, NULL::VARCHAR AS code, NULL::VARCHAR AS name, NULL::INTEGER AS year, ' +
    'NULL::VARCHAR AS key, NULL::DOUBLE AS numerator, NULL::DOUBLE AS denominator, NULL::DOUBLE AS value, ' +
    'NULL::DOUBLE AS low, NULL::DOUBLE AS high, NULL::BOOLEAN AS suppressed, NULL::DOUBLE AS population' +
    (series ? ', NULL::VARCHAR AS source_codes, NULL::VARCHAR AS link' : '') +
    ' WHERE FALSE'
  );
}
