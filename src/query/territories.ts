/** Small queries on the territory reference and the years with data. */
import { TERRITORY_LEVELS, type TerritoryRef } from '../catalogue/schema';
import type { IndicatorDefinition } from '../catalogue/indicators';
import { sqlString } from './sql';

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
