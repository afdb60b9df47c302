/**
 * The cells of a level sum the facts in two steps (by code, QPV and rurality, then by part), which
 * gives the direct figures only when every aggregate adds up over a partition of the facts and
 * the partial sums are exact: this pins both for the catalogue, and the fallback for the rest.
 */
import { describe, expect, it } from 'vitest';
import { INDICATORS, type IndicatorDefinition } from '../catalogue/indicators';
import { TABLES } from '../catalogue/schema';
import { hasDecomposableAggregates, isDecomposableAggregate, levelCellsCtes } from './cells';

const INTEGER_TYPES: readonly string[] = ['SMALLINT', 'INTEGER', 'BIGINT'];

/** Columns of the indicator's table named inside the argument of a `sum(…)` aggregate. */
function summedColumns(ind: IndicatorDefinition, aggregate: string): string[] {
  const arg = /^sum\s*\((.*)\)$/is.exec(aggregate.replace(/\s+filter\s*\(.*$/is, '').trim());
  const body = arg?.[1];
  if (body === undefined) return [];
  const names = new Set(TABLES[ind.table].columns.map((c) => c.name));
  const tokens = body.match(/"[^"]+"|[A-Za-z_][A-Za-z0-9_]*/g) ?? [];
  return tokens.map((t) => t.replaceAll('"', '')).filter((t) => names.has(t));
}

describe('isDecomposableAggregate', () => {
  it.each([
    'sum("count")',
    'sum(eligible - recipients)',
    "count(*) FILTER (WHERE type IN ('france_services', 'msap'))",
    'count(*)',
    "SUM(eligible) filter (where benefit = 'a)b')",
  ])('accepts %s', (sql) => expect(isDecomposableAggregate(sql)).toBe(true));

  it.each([
    'avg(eligible)',
    'max(eligible)',
    'count(DISTINCT commune_code)',
    'sum(DISTINCT eligible)',
    'sum(eligible) / sum(recipients)',
    'sum(eligible) + 1',
    '1 + sum(eligible)',
    'sum(eligible',
    'sum(eligible) FILTER (WHERE year > 2020) * 2',
    'median(eligible)',
  ])('refuses %s', (sql) => expect(isDecomposableAggregate(sql)).toBe(false));
});

describe('catalogue', () => {
  it.each(INDICATORS.map((i) => [i.id, i] as const))(
    '%s: aggregates add up, over integer columns',
    (_id, ind) => {
      expect(hasDecomposableAggregates(ind)).toBe(true);
      const aggregates = [ind.numerator];
      if (ind.denominator?.kind === 'fact') aggregates.push(ind.denominator.sql);
      for (const a of aggregates) {
        const cols = summedColumns(ind, a);
        if (/^sum\s*\(/i.test(a)) expect(cols.length, `${ind.id}: ${a}`).toBeGreaterThan(0);
        for (const col of cols) {
          const spec = TABLES[ind.table].columns.find((c) => c.name === col);
          expect(INTEGER_TYPES, `${ind.id}: ${col}`).toContain(spec?.type);
        }
      }
      expect(
        levelCellsCtes(ind, 'departement').ctes.some((c) => c.startsWith('departement_unit AS')),
      ).toBe(true);
    },
  );

  it('an indicator whose aggregates do not add up is aggregated directly', () => {
    const base = INDICATORS.find((i) => i.id === 'non_recours_taux');
    if (!base) throw new Error('non_recours_taux');
    const ind: IndicatorDefinition = { ...base, numerator: 'count(DISTINCT commune_code)' };
    expect(hasDecomposableAggregates(ind)).toBe(false);
    const ctes = levelCellsCtes(ind, 'epci').ctes;
    expect(ctes.some((c) => c.startsWith('epci_unit AS'))).toBe(false);
    expect(ctes.find((c) => c.startsWith('epci_fact AS'))).toContain(
      'count(DISTINCT commune_code)',
    );
  });
});
