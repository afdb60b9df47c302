/**
 * The SQL texts the Carte view sends (pure, no engine): the map's query for a state, and the
 * queries of its first complete map — the map's result and, for a rate with a direction, the
 * France values its diverging scale pivots on. The pipeline prebakes the latter for the entry
 * views (scripts/prebake.ts) so that the first map paints before DuckDB-WASM is ready; a browser
 * test proves the view is answered by exactly these.
 */
import {
  DEFAULT_INDICATOR,
  INDICATORS,
  MAP_LEVELS,
  findIndicator,
  isValidAt,
  type IndicatorDefinition,
  type MapLevel,
} from '../../catalogue';
import {
  indicatorByTerritory,
  indicatorByTerritoryParts,
  nationalValues,
  type Filters,
} from '../../query';
import type { AppState } from '../../state/app-state';
import { filtersOf } from '../../state/filters';
import { parseState } from '../../state/url';

/** Whether the map asks for all years and types at once at this level. */
const sliceYearsAt = (level: MapLevel): boolean => level !== 'commune';

/** The queries the map asks for a state: what runs, and the standalone SQL of its year and type. */
export function mapQueries(
  indicator: IndicatorDefinition,
  level: MapLevel,
  year: number,
  filters: Filters,
): { readonly run: string; readonly single: string; readonly sliced: boolean } {
  const single = indicatorByTerritory(indicator, level, year, filters);
  if (!sliceYearsAt(level)) return { run: single, single, sliced: false };
  return { run: indicatorByTerritoryParts(indicator, level, filters), single, sliced: true };
}

/**
 * The URLs (query strings) people land on: the default Carte view, which `npm run bench` opens
 * (`?vue=carte`, the same state as no parameter at all).
 */
export const ENTRY_URLS: readonly string[] = [''];

/** SQL texts of the Carte view's first map for `state` (as CarteView builds them). */
export function carteFirstQueries(state: AppState): string[] {
  const indicator =
    findIndicator(state.indicator) ??
    findIndicator(DEFAULT_INDICATOR) ??
    (INDICATORS[0] as IndicatorDefinition);
  // CarteView's effectiveLevel: the requested level if the indicator is published there.
  const level = isValidAt(indicator, state.level)
    ? state.level
    : (MAP_LEVELS.find((l) => isValidAt(indicator, l)) ?? 'departement');
  const filters = filtersOf(indicator, state);
  const queries = [mapQueries(indicator, level, state.year, filters).run];
  if (indicator.kind === 'rate' && indicator.polarity !== 'neutre')
    queries.push(nationalValues(indicator, filters));
  return queries;
}

/** Every SQL text to prebake: the first queries of each entry URL, without repeats. */
export function entryQueries(): string[] {
  const all = ENTRY_URLS.flatMap((url) => carteFirstQueries(parseState(url).state));
  return [...new Set(all)];
}
