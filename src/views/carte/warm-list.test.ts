import { describe, expect, it } from 'vitest';
import { findIndicator, type IndicatorDefinition } from '../../catalogue';
import { NO_FILTERS } from '../../query';
import { DEFAULT_STATE } from '../../state/url';
import { mapQueries } from './use-map-result';
import { warmList } from './warm-list';

function ind(id: string): IndicatorDefinition {
  const i = findIndicator(id);
  if (!i) throw new Error(id);
  return i;
}
const state = { ...DEFAULT_STATE, year: 2020 };

describe('warmList', () => {
  it('warms other indicators, then levels, then filter values, then communes — never the current state', () => {
    const rate = ind('reclamations_taux');
    const list = warmList(rate, 'departement', state);
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
    const list = warmList(rate, 'commune', state);
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
    const list = warmList(services, 'departement', { ...state, criterion: 'origine' });
    expect(list).not.toContain(
      mapQueries(services, 'departement', 2020, { ...NO_FILTERS, criterion: 'origine' }).run,
    );
  });
});
