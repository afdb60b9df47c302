/**
 * Filters shared by every builder and what they select in the published cells. Values are checked
 * against the contract's code lists before being quoted, so a stale URL cannot inject anything.
 *
 * The claims are published by one axis at a time (criterion, domain or channel): a filter on one
 * axis reads that axis' cells, and the first axis set wins if several are (the URL state keeps at
 * most one). Non-recours is published benefit by benefit: no benefit chosen means the default one.
 */
import {
  BENEFITS,
  breakdownPublished,
  type TerritoryLevel,
  CHANNELS,
  CRITERIA,
  DOMAINS,
  type Benefit,
  type CaseAxis,
  type Filters,
} from '../catalogue/schema';
import { DEFAULT_BENEFIT, type FilterKey, type IndicatorDefinition } from '../catalogue/indicators';
import { sqlString } from './sql';

// The filter type is shared with the URL state: it lives with the contract (catalogue/refs.ts).
export { NO_FILTERS, type Filters } from '../catalogue/schema';
export { acceptedFilters } from '../catalogue/indicators';

const CODES: Readonly<Record<FilterKey, readonly string[]>> = {
  criterion: CRITERIA,
  domain: DOMAINS,
  channel: CHANNELS,
  benefit: BENEFITS,
};

function checked(key: FilterKey, value: string): string {
  if (!CODES[key].includes(value)) throw new RangeError(`Filtre inconnu : ${key}=${value}`);
  return value;
}

/** The claims' axis a set of filters reads, with its category, or null for the total. */
export function caseAxisOf(
  filters: Filters,
  except: CaseAxis | null = null,
): { readonly axis: CaseAxis; readonly category: string } | null {
  for (const axis of ['criterion', 'domain', 'channel'] as const) {
    const value = filters[axis];
    if (value !== null && axis !== except) return { axis, category: checked(axis, value) };
  }
  return null;
}

/** The benefit a non-recours figure reads. */
export function benefitOf(filters: Filters): Benefit {
  return (
    filters.benefit === null ? DEFAULT_BENEFIT : checked('benefit', filters.benefit)
  ) as Benefit;
}

/**
 * Predicate on the published cells of the indicator's table (alias-free) selecting the
 * breakdown the filters ask for: the claims' total or one axis and category; a benefit.
 */
export function breakdownWhere(ind: IndicatorDefinition, filters: Filters): string {
  if (ind.table === 'cases') {
    const a = caseAxisOf(filters);
    return a === null
      ? "dimension = 'total'"
      : `dimension = ${sqlString(a.axis)} AND category = ${sqlString(a.category)}`;
  }
  if (ind.table === 'non_recours') return `benefit = ${sqlString(benefitOf(filters))}`;
  return 'TRUE';
}

/**
 * Whether the publication holds the indicator's figures at `level` for these filters: the
 * claims by an axis only at the breakdown levels. Where it does not, builders return no row
 * (never zeros read from absent cells).
 */
export function figuresPublished(
  ind: IndicatorDefinition,
  level: TerritoryLevel,
  filters: Filters,
): boolean {
  if (!ind.levels.includes(level)) return false;
  if (ind.table !== 'cases') return true;
  return breakdownPublished(level, caseAxisOf(filters)?.axis ?? null);
}
