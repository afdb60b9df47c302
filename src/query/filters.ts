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

/** The parts a territory is split into for a territory-type filter (the pair whose sum is shown). */
export function partsOf(type: TerritoryType): readonly string[] {
  switch (type) {
    case 'tous':
      return ['tous'];
    case 'qpv':
    case 'hors_qpv':
      return ['qpv', 'hors_qpv'];
    case 'rural':
    case 'urbain':
      return ['rural', 'urbain'];
  }
}

const RURAL_LIST = RURAL_CLASSES.map(sqlString).join(', ');

/**
 * SQL giving the part (see `partsOf`) a fact or population unit belongs to, from its QPV code and
 * its commune's rurality; NULL when it belongs to none (commune of unknown rurality).
 */
export function partSql(type: TerritoryType, qpvCol: string, ruralityCol: string): string {
  switch (type) {
    case 'tous':
      return "'tous'";
    case 'qpv':
    case 'hors_qpv':
      return `CASE WHEN ${qpvCol} IS NULL THEN 'hors_qpv' ELSE 'qpv' END`;
    case 'rural':
    case 'urbain':
      return `CASE WHEN ${ruralityCol} IN (${RURAL_LIST}) THEN 'rural' WHEN ${ruralityCol} IS NOT NULL THEN 'urbain' END`;
  }
}

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
