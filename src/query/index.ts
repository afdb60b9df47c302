/**
 * The query layer: pure builders returning standalone SQL text (values escaped through
 * `sqlString`, numbers through `sqlNumber`), so the text is the cache key, what the export's SQL
 * button gives and what runs. They read the published cells: confidentiality was decided at
 * publication (scripts/lib/publication), a hidden cell has empty measures and `suppressed` true.
 *
 * Result columns of the indicator builders (Arrow): `level`, `code`, `name`, `year` (INTEGER),
 * `key` (breakdown key or NULL), `numerator` (DOUBLE, NULL if suppressed), `denominator`
 * (DOUBLE: population or fact denominator; NULL for counts), `value` (DOUBLE = numerator /
 * denominator × factor, or the count; NULL if suppressed or the denominator is 0), `low`, `high`
 * (95 % interval; NULL when none or suppressed), `suppressed` (BOOLEAN), `population` (DOUBLE:
 * inhabitants of the territory's part selected by the territory-type filter).
 */
export { sqlString, sqlNumber, sqlInteger } from './sql';
export { NO_FILTERS, acceptedFilters, figuresPublished, type Filters } from './filters';
export {
  indicatorByTerritory,
  indicatorByTerritoryYears,
  indicatorByTerritoryParts,
  indicatorSeries,
  ALL_YEARS,
} from './by-territory';
export {
  indicatorBreakdown,
  breakdownAvailable,
  HORS_QPV_KEY,
  type BreakdownDimension,
} from './breakdown';
export { indicatorGroupSeries, type TerritoryGroup } from './group-series';
export {
  groupSeriesQuery,
  nationalQuery,
  hasFunnel,
  funnelLevel,
  funnelQuery,
  reportMapLevel,
  reportMapQuery,
  type SitesPlanScope,
} from './sites-plans';
export {
  siteMembersSql,
  readSiteMembers,
  buildGroups,
  queryGroups,
  customGroupId,
  nationalSeries,
  GROUP_LEVELS,
  type GroupSpec,
  type SiteMembers,
  type SiteQpv,
  type CustomGroupDefinition,
} from './sites';
export { territoryLookup, availableYears, siteMembers } from './territories';
export { territorySearch, searchKey, codeKey, SEARCH_COLUMNS } from './territory-search';
export { cellsFromGrainSql, qpvPiecesSql } from './grain-cells';
export type { YearSpan } from './cells';

export { nationalValues } from './national';
export {
  effectiveLevel,
  mapQueries,
  mapReferenceQuery,
  mapWarmList,
  type MapQueries,
} from './map-plans';
