import { describe, expect, it } from 'vitest';
import { findIndicator, type IndicatorDefinition } from '../catalogue';
import { NO_FILTERS, type Filters } from './filters';
import { mapQueries, mapWarmList } from './map-plans';

function ind(id: string): IndicatorDefinition {
  const i = findIndicator(id);
  if (!i) throw new Error(id);
  return i;
}
/** The default state's choices: no filter, the whole territory. */
const chosen: Filters = NO_FILTERS;
const warmList = (i: IndicatorDefinition, level: Parameters<typeof mapWarmList>[1], f = chosen) =>
  mapWarmList(i, level, 2020, f);

describe('mapWarmList', () => {
  it('warms other indicators, then levels, then filter values, then communes — never the current state', () => {
    const rate = ind('reclamations_taux');
    const list = warmList(rate, 'departement');
    const current = mapQueries(rate, 'departement', 2020, NO_FILTERS).run;
    expect(list).not.toContain(current);
    expect(new Set(list).size).toBe(list.length);
    const at = (q: string): number => list.indexOf(q);
    const otherIndicator = at(
      mapQueries(ind('non_recours_taux'), 'departement', 2020, NO_FILTERS).run,
    );
    // A territory type is a slice of the current result: nothing to warm.
    expect(mapQueries(rate, 'departement', 2020, { ...NO_FILTERS, territoryType: 'qpv' }).run).toBe(
      current,
    );
    const level = at(mapQueries(rate, 'region', 2020, NO_FILTERS).run);
    const communes = at(mapQueries(rate, 'commune', 2020, NO_FILTERS).run);
    const criterion = at(
      mapQueries(rate, 'departement', 2020, { ...NO_FILTERS, criterion: 'origine' }).run,
    );
    for (const i of [otherIndicator, level, communes, criterion])
      expect(i).toBeGreaterThanOrEqual(0);
    expect(otherIndicator).toBeLessThan(level);
    expect(level).toBeLessThan(criterion);
    expect(criterion).toBeLessThan(communes);
  });

  it('at commune level, where each year and type is its own query, warms the nearest years first, and the types', () => {
    const rate = ind('reclamations_taux');
    const list = warmList(rate, 'commune');
    expect(list.slice(0, 2)).toEqual([
      mapQueries(rate, 'commune', 2021, NO_FILTERS).run,
      mapQueries(rate, 'commune', 2019, NO_FILTERS).run,
    ]);
    expect(list).toContain(
      mapQueries(rate, 'commune', 2020, { ...NO_FILTERS, territoryType: 'qpv' }).run,
    );
  });

  it('keeps only the filters an indicator accepts', () => {
    const services = ind('france_services_taux');
    const list = warmList(services, 'departement', { ...chosen, criterion: 'origine' });
    expect(list).not.toContain(
      mapQueries(services, 'departement', 2020, { ...NO_FILTERS, criterion: 'origine' }).run,
    );
  });
});
