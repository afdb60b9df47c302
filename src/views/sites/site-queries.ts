/**
 * The Sites view's own questions about the territories table (membership of the experimental
 * sites, territory search for the group builder, names of a URL group's members). Indicator
 * figures come from src/query's builders; these only read `territories`.
 * TODO(lead): move into src/query if the query layer grows a territories module.
 */
import { TERRITORY_LEVELS, type TerritoryLevel } from '../../catalogue';
import type { TerritoryRef } from '../../state/app-state';
import { sqlInteger, sqlString } from '../../query/sql';

/** Member communes and QPV of every experimental site, tagged by the pipeline (`site`). */
export function siteMembersSql(): string {
  return `SELECT site, level, code, name, population::DOUBLE AS population, commune_code
FROM territories
WHERE site IS NOT NULL AND level IN ('commune', 'qpv')
ORDER BY site, level, name`;
}

/** Levels a user may add to a custom group. */
export const GROUP_LEVELS: readonly TerritoryLevel[] = [
  'region',
  'departement',
  'epci',
  'commune',
  'qpv',
];

/**
 * Territories whose name contains `text` (accents and case ignored) or whose code is `text`,
 * largest first within each level, at most `limit` rows.
 */
export function territorySearchSql(text: string, limit = 20): string {
  const q = sqlString(text.trim());
  const levels = GROUP_LEVELS.map(sqlString).join(', ');
  const order = GROUP_LEVELS.map((l, i) => `WHEN ${sqlString(l)} THEN ${i}`).join(' ');
  return `SELECT level, code, name, population::DOUBLE AS population, departement_code
FROM territories
WHERE level IN (${levels})
  AND (contains(strip_accents(lower(name)), strip_accents(lower(${q}))) OR code = ${q})
ORDER BY CASE level ${order} END, population DESC, name
LIMIT ${sqlInteger(limit)}`;
}

/** Names and populations of given territories (for groups restored from a URL). */
export function territoriesByRefSql(refs: readonly TerritoryRef[]): string | null {
  const valid = refs.filter((r) => (TERRITORY_LEVELS as readonly string[]).includes(r.level));
  if (valid.length === 0) return null;
  const tuples = valid.map((r) => `(${sqlString(r.level)}, ${sqlString(r.code)})`).join(', ');
  return `SELECT level, code, name, population::DOUBLE AS population
FROM territories
WHERE (level, code) IN (VALUES ${tuples})`;
}
