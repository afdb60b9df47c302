/**
 * The hidden cells of one territory level over a span of years, as a standalone query, so that a
 * builder can read them from a temp table instead of recomputing the level's suppression inside
 * each query (see group-series.ts). It is the very computation `levelCellsCtes` makes inside the
 * standalone builders, taken out. One query per span rather than one per year: planning the
 * rule's ~30 CTEs costs about as much as running one year of communes, so ten one-year masks
 * take longer than one ten-year mask.
 */
import type { TerritoryLevel } from '../catalogue/schema';
import type { IndicatorDefinition } from '../catalogue/indicators';
import { factFilterSql, type Filters } from './filters';
import { baseCtes, levelCellsCtes, thresholdsOf, withQuery, type YearSpan } from './cells';

/**
 * The indicator as far as suppression is concerned: its table, numerator and filters. The
 * fact denominator is dropped (the rule reads the count, the confidentiality denominator and the
 * population, never `den`), so indicators sharing a numerator share the mask text.
 */
function maskIndicator(ind: IndicatorDefinition): IndicatorDefinition {
  return { ...ind, denominator: null };
}

/** Whether the indicator's table has a confidentiality rule at all. */
export function hasSuppression(ind: IndicatorDefinition): boolean {
  const t = thresholdsOf(ind);
  return t.minCount > 0 || t.minDenominator > 0;
}

/**
 * Hidden cells of `level` over `years`: columns `year` (INTEGER), `code`, `part`, one row per
 * cell whose `sup` is true in `levelCellsCtes` (so on the map of that level and year).
 */
export function levelMaskSql(
  ind: IndicatorDefinition,
  level: TerritoryLevel,
  years: YearSpan,
  filters: Filters,
): string {
  const m = maskIndicator(ind);
  const cells = levelCellsCtes(m, level);
  return withQuery(
    [...baseCtes(m, years, factFilterSql(ind, filters)), ...cells.ctes],
    cells.hidden === null
      ? `SELECT year, code, part FROM ${cells.name} WHERE sup`
      : `SELECT year, code, part FROM ${cells.hidden.cells} WHERE id IN (SELECT id FROM ${cells.hidden.ids})`,
  );
}
