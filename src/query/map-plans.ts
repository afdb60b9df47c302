/**
 * The Carte view's queries, planned by name: which SQL the map runs for a state (`mapQueries`)
 * and which states one click away it warms once a map is painted (`mapWarmList`). Pure: choices
 * in, SQL texts out; the text is the cache key.
 *
 * For every level but the communes the map asks once for all the years and all the territory
 * types of an indicator, level and dimension filters (`indicatorByTerritoryParts`) and slices the
 * type and year it shows (views/carte/use-map-result.ts): moving the year slider or choosing
 * QPV / hors QPV / rural / urbain is then a slice of a table already in memory rather than a
 * query of 100–150 ms. The communes (35,000 rows a year) keep one query per year and type.
 */
import {
  CODE_LISTS,
  FIRST_YEAR,
  INDICATORS,
  LAST_YEAR,
  MAP_LEVELS,
  TERRITORY_TYPES,
  isValidAt,
  type IndicatorDefinition,
  type MapLevel,
} from '../catalogue';
import { indicatorByTerritory, indicatorByTerritoryParts } from './by-territory';
import { acceptedFilters, type Filters } from './filters';
import { nationalValues } from './national';

/** The map's queries for a state: what runs, and what the result stands for. */
export interface MapQueries {
  /** The SQL that runs (all types and years at once where `sliced`). */
  readonly run: string;
  /** The standalone query of the year and type: the paint key, what the exports give. */
  readonly single: string;
  /** Whether `run`'s table holds every type and year (to slice) or only the year and type. */
  readonly sliced: boolean;
}

/** The map level actually shown: the requested one if the indicator is valid there. */
export function effectiveLevel(indicator: IndicatorDefinition, level: MapLevel): MapLevel {
  if (isValidAt(indicator, level)) return level;
  return MAP_LEVELS.find((l) => isValidAt(indicator, l)) ?? 'departement';
}

/** Whether the map asks for all years and types at once at this level. */
const sliceYearsAt = (level: MapLevel): boolean => level !== 'commune';

/** The queries the map asks for a state: what runs, and the standalone SQL of its year and type. */
export function mapQueries(
  indicator: IndicatorDefinition,
  level: MapLevel,
  year: number,
  filters: Filters,
): MapQueries {
  const single = indicatorByTerritory(indicator, level, year, filters);
  if (!sliceYearsAt(level)) return { run: single, single, sliced: false };
  return { run: indicatorByTerritoryParts(indicator, level, filters), single, sliced: true };
}

/**
 * The France figures a map of `indicator` needs: for a diverging rate, the reference its colours
 * pivot on; null otherwise.
 */
export function mapReferenceQuery(indicator: IndicatorDefinition, filters: Filters): string | null {
  return indicator.kind === 'rate' && indicator.polarity !== 'neutre'
    ? nationalValues(indicator, filters)
    : null;
}

/** The map query of a state and, for diverging rates, its France reference. */
function stateQueries(
  ind: IndicatorDefinition,
  level: MapLevel,
  year: number,
  f: Filters,
): string[] {
  const reference = mapReferenceQuery(ind, f);
  return [mapQueries(ind, level, year, f).run, ...(reference === null ? [] : [reference])];
}

/**
 * Queries one click away from a map of `indicator` at `level` for `year` with the filters as
 * chosen (`chosen`: every filter of the state, including those the indicator ignores, which
 * apply to the other indicators), in the order they are warmed: at commune level the other years
 * (each is its own query there); the other indicators; the other territory types (only at commune
 * level: elsewhere they are slices of the current result); the other levels but communes; each
 * value of each dimension filter of the indicator; then the communes (the heaviest query).
 * Duplicates and the current state are left out.
 */
export function mapWarmList(
  indicator: IndicatorDefinition,
  level: MapLevel,
  year: number,
  chosen: Filters,
): string[] {
  const out: string[] = [];
  const filters = acceptedFilters(indicator, chosen);
  const current = new Set(stateQueries(indicator, level, year, filters));
  const add = (qs: readonly string[]): void => {
    for (const q of qs) if (!current.has(q) && !out.includes(q)) out.push(q);
  };
  if (level === 'commune') {
    const years = [1, -1, 2, -2, 3, -3, 4, -4, 5, -5, 6, -6, 7, -7, 8, -8, 9, -9]
      .map((d) => year + d)
      .filter((y) => y >= FIRST_YEAR && y <= LAST_YEAR);
    for (const y of years) add(stateQueries(indicator, level, y, filters));
  }
  for (const other of INDICATORS) {
    if (other.id === indicator.id || !isValidAt(other, level)) continue;
    add(stateQueries(other, level, year, acceptedFilters(other, chosen)));
  }
  for (const type of TERRITORY_TYPES) {
    if (type === chosen.territoryType) continue;
    add(stateQueries(indicator, level, year, { ...filters, territoryType: type }));
  }
  for (const l of MAP_LEVELS) {
    if (l === level || l === 'commune' || !isValidAt(indicator, l)) continue;
    add(stateQueries(indicator, l, year, filters));
  }
  for (const key of indicator.filters) {
    for (const code of CODE_LISTS[key]) {
      if (filters[key] === code) continue;
      add(stateQueries(indicator, level, year, { ...filters, [key]: code }));
    }
  }
  // The communes last: their query holds the DuckDB worker for seconds, and a click that
  // lands meanwhile waits for it.
  if (level !== 'commune' && isValidAt(indicator, 'commune'))
    add(stateQueries(indicator, 'commune', year, filters));
  return out;
}
