/**
 * What the Carte view warms in the background once a map is painted (src/db/warm-up.ts): the
 * queries of the states one click away, most likely first. Pure: state in, SQL texts out.
 */
import {
  CODE_LISTS,
  FIRST_YEAR,
  INDICATORS,
  LAST_YEAR,
  MAP_LEVELS,
  isValidAt,
  type IndicatorDefinition,
  type MapLevel,
} from '../../catalogue';
import { nationalValues, type Filters } from '../../query';
import { TERRITORY_TYPES, type AppState } from '../../state/app-state';
import { filtersOf } from '../../state/filters';
import { mapQueries } from './use-map-result';

type WarmState = Pick<
  AppState,
  'year' | 'criterion' | 'domain' | 'channel' | 'benefit' | 'territoryType'
>;

/** The map query of a state and, for diverging rates, its France reference. */
function stateQueries(
  ind: IndicatorDefinition,
  level: MapLevel,
  year: number,
  f: Filters,
): string[] {
  const out = [mapQueries(ind, level, year, f).run];
  if (ind.kind === 'rate' && ind.polarity !== 'neutre') out.push(nationalValues(ind, f));
  return out;
}

/**
 * Queries one click away from (indicator, level, state), in the order they are warmed: at commune
 * level the other years (each is its own query there); the other indicators; the other
 * territory types (only at commune level: elsewhere they are slices of the current result); the
 * other levels but communes; each value of each dimension filter of the indicator; then the
 * communes (the heaviest query). Duplicates and the current state are left out.
 */
export function warmList(
  indicator: IndicatorDefinition,
  level: MapLevel,
  state: WarmState,
): string[] {
  const out: string[] = [];
  const filters = filtersOf(indicator, state);
  const current = new Set(stateQueries(indicator, level, state.year, filters));
  const add = (qs: readonly string[]): void => {
    for (const q of qs) if (!current.has(q) && !out.includes(q)) out.push(q);
  };
  if (level === 'commune') {
    const years = [1, -1, 2, -2, 3, -3, 4, -4, 5, -5, 6, -6, 7, -7, 8, -8, 9, -9]
      .map((d) => state.year + d)
      .filter((y) => y >= FIRST_YEAR && y <= LAST_YEAR);
    for (const y of years) add(stateQueries(indicator, level, y, filters));
  }
  for (const other of INDICATORS) {
    if (other.id === indicator.id || !isValidAt(other, level)) continue;
    add(stateQueries(other, level, state.year, filtersOf(other, state)));
  }
  for (const type of TERRITORY_TYPES) {
    if (type === state.territoryType) continue;
    add(stateQueries(indicator, level, state.year, { ...filters, territoryType: type }));
  }
  for (const l of MAP_LEVELS) {
    if (l === level || l === 'commune' || !isValidAt(indicator, l)) continue;
    add(stateQueries(indicator, l, state.year, filters));
  }
  for (const key of indicator.filters) {
    for (const code of CODE_LISTS[key]) {
      if (filters[key] === code) continue;
      add(stateQueries(indicator, level, state.year, { ...filters, [key]: code }));
    }
  }
  // The communes last: their query holds the DuckDB worker for seconds, and a click that
  // lands meanwhile waits for it.
  if (level !== 'commune' && isValidAt(indicator, 'commune'))
    add(stateQueries(indicator, 'commune', state.year, filters));
  return out;
}
