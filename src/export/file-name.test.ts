import { describe, expect, it } from 'vitest';
import { asciiSlug, fileName, fileStem } from './file-name';

describe('file names', () => {
  it('says what the file holds, in ASCII', () => {
    expect(
      fileStem({
        indicator: 'non_recours_taux',
        level: 'département',
        period: 2024,
        filters: ['rsa', null, 'QPV'],
      }),
    ).toBe('non_recours_taux-departement-2024-rsa-qpv');
    expect(fileStem({ indicator: 'reclamations', level: 'commune', period: '2015–2024' })).toBe(
      'reclamations-commune-2015-2024',
    );
  });
  it('makes any stem safe', () => {
    expect(asciiSlug('L’Haÿ-les-Roses / Œuvre')).toBe('l_hay_les_roses_oeuvre');
    expect(fileName('../../etc/passwd', 'csv')).toBe('etc_passwd.csv');
    expect(fileName('', 'svg')).toBe('export.svg');
    expect(fileName('reclamations-region-2024', 'parquet')).toBe(
      'reclamations-region-2024.parquet',
    );
  });
});
