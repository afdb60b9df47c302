/**
 * The publication plan: which cells the published data set holds (levels, parts, breakdowns,
 * years) and the confidentiality rule applied to them before they leave the pipeline. The
 * pipeline publishes exactly this; the app asks only for what this says exists.
 */
import {
  CASE_AXES,
  FIRST_YEAR,
  LAST_YEAR,
  PARTS,
  type CaseAxis,
  type Part,
  type TerritoryLevel,
} from './codes';

/** Levels whose cells are published for every part (a whole set of communes). */
export const AREA_LEVELS: readonly TerritoryLevel[] = [
  'france',
  'region',
  'departement',
  'epci',
  'site',
];

/**
 * Levels where the claims are published by criterion, domain and channel (one axis at a time).
 * Below the département, almost every such cell would be between 1 and 4.
 */
export const BREAKDOWN_LEVELS: readonly TerritoryLevel[] = [
  'france',
  'region',
  'departement',
  'site',
];

/** Years of the ZRR zoning (arrêté of 16 March 2017, replaced by FRR on 1 July 2024). */
export const ZRR_YEARS = { from: 2017, to: 2024 } as const;

/**
 * Whether a part exists in a year (the ZRR parts only for the years of the zoning). A commune
 * without a class in a zoning (a commune restored after the list was drawn) counts in the
 * complement (hors ZRR, hors FRR, urbain), everywhere, so that tous = part + complement.
 */
export function partInYear(part: Part, year: number): boolean {
  if (part === 'zrr' || part === 'hors_zrr') return year >= ZRR_YEARS.from && year <= ZRR_YEARS.to;
  return year >= FIRST_YEAR && year <= LAST_YEAR;
}

/**
 * Parts published for a territory of `level`: every part for area levels; for a commune its
 * whole (and its QPV / hors-QPV split when it has QPV in force that year); for a QPV its whole.
 * A commune's rural, urbain, FRR or ZRR part is the commune itself or nothing, and a QPV's QPV
 * part is itself: the app reads them from the whole (see src/query).
 */
export function publishedParts(level: TerritoryLevel, hasQpv = false): readonly Part[] {
  if (AREA_LEVELS.includes(level)) return PARTS;
  if (level === 'commune') return hasQpv ? ['tous', 'qpv', 'hors_qpv'] : ['tous'];
  return ['tous'];
}

/** Whether the claims are published broken down by `axis` at `level`. */
export function breakdownPublished(level: TerritoryLevel, axis: CaseAxis | null): boolean {
  return axis === null || (CASE_AXES.includes(axis) && BREAKDOWN_LEVELS.includes(level));
}

/**
 * Statistical confidentiality, decided at publication (scripts/publication): a cell is hidden by
 * the primary rule when a count n satisfies 1 ≤ n < `minCount` — for non-recours the
 * non-recipients and the recipients — or its denominator d satisfies 1 ≤ d < `minDenominator`.
 * Secondary suppression then hides further cells, jointly over every level, part, site and
 * breakdown of a table and year, until no hidden cell can be recomputed from the published ones
 * by any linear combination (see data/README.suppression.md).
 */
export const CONFIDENTIALITY = {
  cases: { minCount: 5, minDenominator: 0 },
  non_recours: { minCount: 5, minDenominator: 30 },
  services: { minCount: 0, minDenominator: 0 },
} as const;

/**
 * The QPV list in force in a year for a département: the 2015 list until 2023; the 2024 list
 * from 1 January 2024 in metropolitan France (décret 2023-1314) and from 1 January 2025 overseas
 * (décrets 2024-1211 and 2024-1212), so the DROM stay on the 2015 list through 2024.
 */
export function qpvListInForce(year: number, departement: string): '2015' | '2024' {
  const overseas = departement.length === 3 && departement.startsWith('97');
  return year >= (overseas ? 2025 : 2024) ? '2024' : '2015';
}

/** The years a QPV of `list` is in force in `departement` (`to` null = still in force). */
export function qpvValidity(
  list: '2015' | '2024',
  departement: string,
): { from: number; to: number | null } {
  const overseas = departement.length === 3 && departement.startsWith('97');
  const change = overseas ? 2025 : 2024;
  return list === '2015' ? { from: FIRST_YEAR, to: change - 1 } : { from: change, to: null };
}
