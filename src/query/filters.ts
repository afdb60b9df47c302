/**
 * Filters shared by every builder and the SQL fragments they turn into. Values are checked against
 * the contract's code lists before being quoted, so a stale URL cannot inject anything.
 */
import {
  BENEFITS,
  CHANNELS,
  CRITERIA,
  DOMAINS,
  RURAL_CLASSES,
  type Benefit,
  type Channel,
  type Criterion,
  type Domain,
  type TerritoryLevel,
} from '../catalogue/schema';
import type { FilterKey, IndicatorDefinition } from '../catalogue/indicators';
import type { TerritoryType } from '../state/app-state';
import { sqlString } from './sql';

export interface Filters {
  readonly criterion: Criterion | null;
  readonly domain: Domain | null;
  readonly channel: Channel | null;
  readonly benefit: Benefit | null;
  readonly territoryType: TerritoryType;
}

/** No filter: every criterion, domain, channel, benefit and territory type. */
export const NO_FILTERS: Filters = {
  criterion: null,
  domain: null,
  channel: null,
  benefit: null,
  territoryType: 'tous',
};

const CODES: Readonly<Record<FilterKey, readonly string[]>> = {
  criterion: CRITERIA,
  domain: DOMAINS,
  channel: CHANNELS,
  benefit: BENEFITS,
};

/**
 * `AND`-joined predicates on the fact table alias `f` for the filters the indicator accepts
 * (others are ignored: a criterion means nothing for non-recours). `except` leaves one dimension
 * out, for a breakdown by that dimension. Returns `TRUE` when nothing applies.
 */
export function factFilterSql(
  ind: IndicatorDefinition,
  filters: Filters,
  except: FilterKey | null = null,
): string {
  const parts: string[] = [];
  for (const key of ind.filters) {
    const value = filters[key];
    if (value === null || key === except) continue;
    if (!CODES[key].includes(value)) throw new RangeError(`Filtre inconnu : ${key}=${value}`);
    parts.push(`f."${key}" = ${sqlString(value)}`);
  }
  return parts.length === 0 ? 'TRUE' : parts.join(' AND ');
}

/**
 * Every figure is computed for the five parts of a territory at once — all, QPV, hors QPV, rural,
 * urbain — so that the suppression pattern is the same whichever territory-type filter is shown
 * (a part hidden on one map cannot be rebuilt from the total shown on another).
 */
export const ALL_PARTS = ['tous', 'qpv', 'hors_qpv', 'rural', 'urbain'] as const;

/** The part selected by a territory-type filter. */
export function partOf(type: TerritoryType): (typeof ALL_PARTS)[number] {
  return type;
}

const RURAL_LIST = RURAL_CLASSES.map(sqlString).join(', ');

/**
 * SQL list of the parts a fact or population unit counts in: 'tous', its QPV/hors-QPV part and
 * its rural/urbain part (NULL when the commune's rurality is unknown).
 */
export function partsListSql(qpvCol: string, ruralityCol: string): string {
  return (
    `['tous', CASE WHEN ${qpvCol} IS NULL THEN 'hors_qpv' ELSE 'qpv' END, ` +
    `CASE WHEN ${ruralityCol} IN (${RURAL_LIST}) THEN 'rural' WHEN ${ruralityCol} IS NOT NULL THEN 'urbain' END]`
  );
}

/** `(VALUES …) pt(part)` of every part. */
export const PARTS_RELATION = `(VALUES ${ALL_PARTS.map((p) => `('${p}')`).join(', ')}) pt(part)`;

/**
 * Partition expressions of the two part relations (all = QPV + hors QPV, all = rural + urbain),
 * to append to a cell's identity (year, code …) in a secondary-suppression pass.
 */
export const PART_RELATIONS: readonly string[] = [
  "part IN ('tous', 'qpv', 'hors_qpv')",
  "part IN ('tous', 'rural', 'urbain')",
];

/** Column of a fact/unit row holding its territory code at `level`. */
export function levelKeySql(level: TerritoryLevel): string {
  switch (level) {
    case 'france':
      return "'FR'";
    case 'region':
      return 'region_code';
    case 'departement':
      return 'departement_code';
    case 'epci':
      return 'epci_code';
    case 'commune':
      return 'commune_code';
    case 'qpv':
      return 'qpv_code';
  }
}
