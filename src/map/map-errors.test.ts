import { describe, expect, it } from 'vitest';
import { mapErrorMessage } from './map-errors';

describe('mapErrorMessage', () => {
  it('says in French that the map’s worker did not load (MapLibre’s own words)', () => {
    const m = mapErrorMessage(
      new Error('Worker failed to load. Check that the worker URL is correct.'),
    );
    expect(m).toMatch(/^le module de dessin de la carte n’a pas pu être chargé/);
    expect(m).not.toMatch(/Worker|failed/);
  });

  it('says a tile or GeoJSON that could not be fetched is a network problem', () => {
    const e = new Error('Failed to fetch (0): http://127.0.0.1/data/geo/tiles/commune/9/1/2.pbf');
    e.name = 'AJAXError';
    expect(mapErrorMessage(e)).toMatch(/contours n’a pas pu être téléchargée/);
    expect(mapErrorMessage('TypeError: NetworkError when attempting to fetch')).toMatch(
      /connexion perdue/,
    );
  });

  it('gives a French sentence for any other error, never the English text', () => {
    expect(mapErrorMessage(new Error('Style is not done loading'))).toBe(
      'le moteur cartographique a rencontré une erreur (détail dans la console du navigateur).',
    );
  });
});
