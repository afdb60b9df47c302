import { describe, expect, it } from 'vitest';
import { asciiSlug, fileName, fileStem, parseFileStem } from './file-name';

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
  it('reads a stem back for the citation', () => {
    const levels = ['departement', 'commune'];
    expect(parseFileStem('reclamations_taux-departement-2024-handicap', levels)).toEqual({
      indicator: 'reclamations_taux',
      level: 'departement',
      period: '2024',
    });
    expect(parseFileStem('non_recours_taux-commune-2015-2024', levels).period).toBe('2015–2024');
    expect(parseFileStem('console_sql-2026-11-25', levels)).toEqual({
      indicator: 'console_sql',
      level: undefined,
      period: undefined,
    });
  });
});
