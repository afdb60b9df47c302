import { describe, expect, it } from 'vitest';
import { activeFilterCodes } from './active-filters';
import { fileStem } from '../export/file-name';

describe('activeFilterCodes', () => {
  it('lists the filters in force, in a fixed order, without « tous »', () => {
    expect(
      activeFilterCodes({
        criterion: 'handicap',
        domain: null,
        channel: 'plateforme_3928',
        benefit: null,
        territoryType: 'qpv',
      }),
    ).toEqual(['handicap', 'plateforme_3928', 'qpv']);
    expect(
      activeFilterCodes({
        criterion: null,
        domain: null,
        channel: null,
        benefit: null,
        territoryType: 'tous',
      }),
    ).toEqual([]);
  });

  it('puts them in the exported file names', () => {
    const filters = activeFilterCodes({
      criterion: 'origine',
      domain: 'logement',
      channel: null,
      benefit: null,
      territoryType: 'rural',
    });
    expect(
      fileStem({ indicator: 'reclamations_taux', level: 'departement', period: 2024, filters }),
    ).toBe('reclamations_taux-departement-2024-origine-logement-rural');
  });
});
