import { describe, expect, it } from 'vitest';
import { findIndicator } from '../catalogue';
import { filtersOf, stateFilters } from './filters';

const state = {
  criterion: 'handicap',
  domain: 'logement',
  channel: null,
  benefit: 'rsa',
  territoryType: 'qpv',
} as const;

describe('filters from the state', () => {
  it('keeps every chosen filter for views comparing several indicators', () => {
    expect(stateFilters(state)).toEqual(state);
  });

  it('drops the filters an indicator does not accept', () => {
    const claims = findIndicator('reclamations');
    const nonRecours = findIndicator('non_recours_taux');
    if (!claims || !nonRecours) throw new Error('catalogue changed');
    expect(filtersOf(claims, state)).toEqual({ ...state, benefit: null });
    expect(filtersOf(nonRecours, state)).toEqual({
      criterion: null,
      domain: null,
      channel: null,
      benefit: 'rsa',
      territoryType: 'qpv',
    });
  });
});
