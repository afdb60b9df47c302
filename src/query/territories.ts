/** Small queries on the territory reference and the years with data. */
import { TERRITORY_LEVELS, type TerritoryLevel, type TerritoryRef } from '../catalogue/schema';
import type { IndicatorDefinition } from '../catalogue/indicators';
import { sqlInteger, sqlString } from './sql';

const TERRITORY_COLUMNS =
  'level, code, name, region_code, departement_code, epci_code, commune_code, communes, ' +
  'CAST(population AS DOUBLE) AS population, population_synthetic, density_level, rurality, frr, zrr, ' +
  'lon, lat, position, site, qpv_list, CAST(valid_from AS INTEGER) AS valid_from, ' +
  'CAST(valid_to AS INTEGER) AS valid_to, qpv_status, predecessors, successors';
const LEVEL_RANK = `array_position([${TERRITORY_LEVELS.map(sqlString).join(', ')}], level)`;

/** The `territories` rows of the given references (unknown ones are simply absent). */
export function territoryLookup(refs: readonly TerritoryRef[]): string {
  if (refs.length === 0) return `SELECT ${TERRITORY_COLUMNS} FROM territories WHERE FALSE`;
  const keys = refs.map((r) => `(${sqlString(r.level)}, ${sqlString(r.code)})`).join(', ');
  return `SELECT ${TERRITORY_COLUMNS} FROM territories WHERE (level, code) IN (${keys}) ORDER BY ${LEVEL_RANK}, code`;
}

/** Escapes LIKE wildcards in user text (`\` is the escape character). */
function likeEscape(text: string): string {
  return text.replaceAll('\\', '\\\\').replaceAll('%', '\\%').replaceAll('_', '\\_');
}

/**
 * Territories whose name contains `text` (case- and accent-insensitive) or whose code starts
 * with it, best matches first: exact name, then prefix, then coarser levels, then name.
 */
export function territorySearch(
  text: string,
  opts: { levels?: readonly TerritoryLevel[]; limit?: number } = {},
): string {
  const needle = text.trim();
  const limit = sqlInteger(opts.limit ?? 20);
  const norm = (e: string): string => `strip_accents(lower(${e}))`;
  const q = sqlString(likeEscape(needle));
  const levels =
    opts.levels && opts.levels.length > 0
      ? `AND level IN (${opts.levels.map(sqlString).join(', ')})`
      : '';
  return (
    `SELECT ${TERRITORY_COLUMNS} FROM territories\n` +
    `WHERE (${norm('name')} LIKE '%' || ${norm(q)} || '%' ESCAPE '\\' OR code LIKE ${q} || '%' ESCAPE '\\') ${levels}\n` +
    `ORDER BY ${norm('name')} = ${norm(sqlString(needle))} DESC, starts_with(${norm('name')}, ${norm(sqlString(needle))}) DESC, ${LEVEL_RANK}, name, code\n` +
    `LIMIT ${limit}`
  );
}

/** Years present in the indicator's fact table (`year` INTEGER, ascending). */
export function availableYears(ind: IndicatorDefinition): string {
  if (ind.table === 'services') {
    return (
      'SELECT CAST(y AS INTEGER) AS year FROM generate_series(' +
      '(SELECT CAST(year(min(opened)) AS INTEGER) FROM services), ' +
      '(SELECT CAST(year(max(greatest(opened, coalesce(closed, opened)))) AS INTEGER) FROM services)) t(y) ORDER BY year'
    );
  }
  return `SELECT DISTINCT CAST(year AS INTEGER) AS year FROM ${ind.table} ORDER BY year`;
}

/** Territories of an experimental site: its communes, then its QPV of both lists. */
export function siteMembers(site: string): string {
  return `SELECT ${TERRITORY_COLUMNS} FROM territories WHERE site = ${sqlString(site)} AND level IN ('commune', 'qpv') ORDER BY level, qpv_list NULLS FIRST, name, code`;
}
