/** Where a picked territory leads the map, and how an option describes itself. */
import { describe, expect, it } from 'vitest';
import { findIndicator, type IndicatorDefinition } from '../../catalogue';
import type { SearchResult } from '../../components/search-results';
import { resultDetail } from '../../components/TerritorySearch';
import { goTo } from './CarteSearch';

function ind(id: string): IndicatorDefinition {
  const i = findIndicator(id);
  if (!i) throw new Error(id);
  return i;
}

const aubervilliers: SearchResult = {
  level: 'commune',
  code: '93001',
  name: 'Aubervilliers',
  postcodes: ['93300'],
  qpvList: null,
  point: [2.38, 48.91],
  scale: 1,
  parent: { level: 'departement', code: '93', name: 'Seine-Saint-Denis' },
};

describe('goTo', () => {
  it('selects the territory, shows its level and centres the map on it', () => {
    expect(goTo(aubervilliers, ind('reclamations_taux'))).toEqual({
      territory: { level: 'commune', code: '93001' },
      level: 'commune',
      map: { lon: 2.38, lat: 48.91, zoom: 10.5 },
    });
  });

  it('keeps the level when the indicator is not published there, and zooms less in a shrunk inset', () => {
    const qpv: SearchResult = {
      ...aubervilliers,
      level: 'qpv',
      code: 'QN97303M',
      scale: 0.5,
      point: [-7.9, 45.85],
    };
    const patch = goTo(qpv, ind('france_services_taux'));
    expect(patch.level).toBeUndefined();
    expect(patch.territory).toEqual({ level: 'qpv', code: 'QN97303M' });
    expect(patch.map?.zoom).toBe(11);
  });

  it('leaves the view alone for a territory without a point', () => {
    expect(goTo({ ...aubervilliers, point: null }, ind('reclamations')).map).toBeUndefined();
  });
});

describe('resultDetail', () => {
  it('says the kind, the parent and the postcode typed', () => {
    expect(resultDetail(aubervilliers, '93300')).toBe(
      'Commune · Seine-Saint-Denis (93) · code postal 93300',
    );
    expect(resultDetail(aubervilliers, 'auber')).toBe('Commune · Seine-Saint-Denis (93)');
    expect(
      resultDetail(
        {
          ...aubervilliers,
          level: 'qpv',
          code: 'QN06226M',
          name: 'Cité 2',
          postcodes: [],
          qpvList: '2024',
          parent: { level: 'commune', code: '62498', name: 'Lens' },
        },
        'cite',
      ),
    ).toBe('QPV (liste 2024) · Lens (62498)');
    expect(
      resultDetail(
        { ...aubervilliers, level: 'region', code: '11', parent: { level: 'france', code: 'FR' } },
        '11',
      ),
    ).toBe('Région');
  });
});
