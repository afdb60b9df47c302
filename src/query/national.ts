/** The national figures of an indicator (level 'france', code 'FR'). */
import type { IndicatorDefinition } from '../catalogue/indicators';
import type { Filters } from './filters';
import { indicatorByTerritoryParts } from './by-territory';

/**
 * The national figure of an indicator for every territory type and year (one row each, ordered
 * by type then year, see `indicatorByTerritoryParts`): the map reads the type and year it shows
 * from it, so a change of either does not wait for a query.
 */
export function nationalValues(ind: IndicatorDefinition, filters: Filters): string {
  return indicatorByTerritoryParts(ind, 'france', filters);
}
