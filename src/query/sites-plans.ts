/**
 * What the Sites view and the report ask, panel by panel: the SQL texts of a comparison table
 * and the site series (the groups' series and the national figures), of a funnel plot (its grey
 * territories) and of the report's map. The panels (views/sites, views/carte/ReportMap) build
 * their queries here, and so do the entry queries (entry-queries.ts) that the pipeline prebakes:
 * one plan, so what is prebaked is what the views send.
 */
import {
  FIRST_YEAR,
  INDICATORS,
  MAP_LEVELS,
  isValidAt,
  type IndicatorDefinition,
  type MapLevel,
  type TerritoryLevel,
} from '../catalogue';
import type { AppState } from '../state/app-state';
import { filtersOf, stateFilters } from '../state/filters';
import { figuresPublished, type Filters } from './filters';
import { indicatorByTerritory } from './by-territory';
import { indicatorGroupSeries } from './group-series';
import { nationalValues } from './national';
import { buildGroups, queryGroups, type GroupSpec, type SiteMembers } from './sites';

/** What a Sites panel's queries depend on (the view's and the report's `SitesScope`). */
export interface SitesPlanScope {
  readonly groups: readonly GroupSpec[];
  /** Reference year; series run from FIRST_YEAR to it. */
  readonly year: number;
  readonly filters: Filters;
  /** Grey points of the funnel plots. */
  readonly funnelLevel: 'epci' | 'commune';
}

/** The groups' series of `ind` up to the scope's year; null when no group has members. */
export function groupSeriesQuery(ind: IndicatorDefinition, scope: SitesPlanScope): string | null {
  const groups = queryGroups(scope.groups);
  return groups.length > 0
    ? indicatorGroupSeries(ind, groups, scope.filters, { from: FIRST_YEAR, to: scope.year })
    : null;
}

/** France's figures of `ind` for every territory type and year (France and the comparables). */
export function nationalQuery(ind: IndicatorDefinition, scope: SitesPlanScope): string {
  return nationalValues(ind, scope.filters);
}

/** Whether `ind` has a funnel plot: a rate with a denominator (charts/funnel's `funnelModel`). */
export function hasFunnel(ind: IndicatorDefinition): boolean {
  return ind.kind === 'rate' && ind.denominator !== null;
}

/** The comparison level of a funnel: the chosen one when the indicator is valid there, else EPCI. */
export function funnelLevel(ind: IndicatorDefinition, chosen: 'epci' | 'commune'): TerritoryLevel {
  return ind.levels.includes(chosen) ? chosen : 'epci';
}

/** The grey territories of `ind`'s funnel plot for the scope's year. */
export function funnelQuery(ind: IndicatorDefinition, scope: SitesPlanScope): string {
  return indicatorByTerritory(ind, funnelLevel(ind, scope.funnelLevel), scope.year, scope.filters);
}

/** The level of the report's map of `ind`: départements, else the first map level it is valid at. */
export function reportMapLevel(ind: IndicatorDefinition): MapLevel {
  return isValidAt(ind, 'departement')
    ? 'departement'
    : (MAP_LEVELS.find((l) => isValidAt(ind, l)) ?? 'departement');
}

/** The report's map of `ind` (null when the filters hide its figures at that level). */
export function reportMapQuery(
  ind: IndicatorDefinition,
  year: number,
  filters: Filters,
): string | null {
  const level = reportMapLevel(ind);
  return figuresPublished(ind, level, filters)
    ? indicatorByTerritory(ind, level, year, filters)
    : null;
}

/** The Sites view's scope for `state` with its default controls (QPV comparables, EPCI funnels). */
function defaultScope(state: AppState, members: SiteMembers | null): SitesPlanScope {
  return {
    // Custom groups need their members' names (a query of their own): only the sites here.
    groups: buildGroups(state.sites, members, []),
    year: state.year,
    filters: stateFilters(state),
    funnelLevel: 'epci',
  };
}

/** A panel's queries: comparison table and series, then the funnel's grey territories. */
function panelQueries(ind: IndicatorDefinition, scope: SitesPlanScope): string[] {
  const group = groupSeriesQuery(ind, scope);
  return [
    ...(group === null ? [] : [group]),
    nationalQuery(ind, scope),
    ...(hasFunnel(ind) ? [funnelQuery(ind, scope)] : []),
  ];
}

/**
 * The queries the Sites view sends for `state` once the sites' members (`siteMembersSql`) are
 * read, in its default controls and without custom groups (which ask for names first).
 */
export function sitesViewQueries(state: AppState, members: SiteMembers | null): string[] {
  const scope = defaultScope(state, members);
  return INDICATORS.flatMap((ind) => panelQueries(ind, scope));
}

/** The report's queries for `state` (every indicator chosen), members read, as for Sites. */
export function rapportViewQueries(state: AppState, members: SiteMembers | null): string[] {
  const scope = defaultScope(state, members);
  return INDICATORS.flatMap((ind) => {
    const map = reportMapQuery(ind, state.year, filtersOf(ind, state));
    return [...panelQueries(ind, scope), ...(map === null ? [] : [map])];
  });
}
