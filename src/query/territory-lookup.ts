/**
 * Lookups over `territories` and `services` for the Explorer: search by name or code, a
 * territory's parents (profile panel) and the France services open at the end of a year (map
 * overlay). Public data only, no suppression needed; values go through `sqlString`.
 */
import { MAP_LEVELS, TERRITORY_LEVELS, type TerritoryLevel } from '../catalogue/schema';
import type { TerritoryRef } from '../state/app-state';
import { sqlInteger, sqlString } from './sql';

function levelSql(level: TerritoryLevel): string {
  if (!TERRITORY_LEVELS.includes(level)) throw new RangeError(`Niveau inconnu : ${String(level)}`);
  return sqlString(level);
}

/**
 * Territories whose name contains `text` (case and accents ignored) or whose code starts with it,
 * names starting with the text first, then larger levels and populations. Columns: level, code,
 * name, population, departement_code.
 */
export function territorySearch(text: string, limit = 20): string {
  const q = sqlString(text.trim().slice(0, 80));
  const n = sqlInteger(Math.max(1, Math.min(100, Math.round(limit))));
  const order = MAP_LEVELS.map((l, i) => `WHEN ${sqlString(l)} THEN ${i + 1}`).join(' ');
  return `SELECT level, code, name, population, departement_code
FROM territories
WHERE length(${q}) > 0 AND (
  contains(strip_accents(lower(name)), strip_accents(lower(${q})))
  OR starts_with(lower(code), lower(${q})))
ORDER BY
  CASE WHEN starts_with(strip_accents(lower(name)), strip_accents(lower(${q}))) OR lower(code) = lower(${q}) THEN 0 ELSE 1 END,
  CASE level WHEN 'france' THEN 0 ${order} ELSE 9 END,
  population DESC NULLS LAST, name
LIMIT ${n}`;
}

/** One territory with its parents' codes and names (columns: level, code, name, <parent>_code, <parent>_name). */
export function territoryParents(ref: TerritoryRef): string {
  const parents = ['region', 'departement', 'epci', 'commune'] as const;
  const joins = parents
    .map((p) => `LEFT JOIN territories ${p} ON ${p}.level = '${p}' AND ${p}.code = t.${p}_code`)
    .join('\n');
  const cols = parents.map((p) => `t.${p}_code, ${p}.name AS ${p}_name`).join(', ');
  return `SELECT t.level, t.code, t.name, t.population, ${cols}
FROM territories t
${joins}
WHERE t.level = ${levelSql(ref.level)} AND t.code = ${sqlString(ref.code)}`;
}

/** Names of given territories (columns: level, code, name). */
export function territoryNames(refs: readonly TerritoryRef[]): string {
  if (refs.length === 0) return 'SELECT level, code, name FROM territories WHERE FALSE';
  const pairs = refs.map((r) => `(level = ${levelSql(r.level)} AND code = ${sqlString(r.code)})`);
  return `SELECT level, code, name FROM territories WHERE ${pairs.join(' OR ')}`;
}

/**
 * France services and MSAP open on 31 December of `year` (columns: id, type, name, lon, lat),
 * for the map overlay.
 */
export function servicesOpenAt(year: number): string {
  const end = `MAKE_DATE(${sqlInteger(year)}, 12, 31)`;
  return `SELECT id, type, name, lon, lat
FROM services
WHERE type IN ('france_services', 'msap') AND opened <= ${end} AND (closed IS NULL OR closed > ${end})
ORDER BY id`;
}
