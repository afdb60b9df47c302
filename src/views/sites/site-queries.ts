/**
 * The membership of every experimental site in one query (src/query's `siteMembers` asks for one
 * site's communes; the view needs all four with their QPV). Search and names of custom groups'
 * members use src/query's `territorySearch` and `territoryLookup`.
 */
import type { TerritoryLevel } from '../../catalogue';

/** Member communes and QPV of every experimental site, tagged by the pipeline (`site`). */
export function siteMembersSql(): string {
  return `SELECT site, level, code, name, population::DOUBLE AS population, commune_code, qpv_list
FROM territories
WHERE site IS NOT NULL AND level IN ('commune', 'qpv')
ORDER BY site, level, qpv_list NULLS FIRST, name`;
}

/** Levels a user may add to a custom group. */
export const GROUP_LEVELS: readonly TerritoryLevel[] = [
  'region',
  'departement',
  'epci',
  'commune',
  'qpv',
];
