/** What every Sites panel needs to build its queries, shared by the view and the report. */
import { FIRST_YEAR, type IndicatorDefinition } from '../../catalogue';
import type { Filters } from '../../query/filters';
import type { Comparable } from './comparison';
import type { GroupSpec } from '../../query';

export interface SitesScope {
  readonly groups: readonly GroupSpec[];
  /** Reference year of the comparison; series run from FIRST_YEAR to it. */
  readonly year: number;
  readonly filters: Filters;
  readonly comparable: Comparable;
  /** Grey points of the funnel plots: EPCI (the sites' scale) or communes. */
  readonly funnelLevel: 'epci' | 'commune';
  /** The filters in words (export subtitles, captions). */
  readonly filtersText: string;
  /** Laid out for A4 paper: fixed widths, no export menus. */
  readonly print: boolean;
}

export const PRINT_WIDTH = 660;

export function period(scope: SitesScope): { from: number; to: number } {
  return { from: FIRST_YEAR, to: scope.year };
}

/** Size axis label of a funnel: what the denominator counts. */
export function sizeLabel(ind: IndicatorDefinition): string {
  return ind.denominator?.kind === 'column'
    ? 'Effectif du dénominateur (personnes éligibles), échelle logarithmique'
    : 'Population, échelle logarithmique';
}
