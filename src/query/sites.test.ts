import { tableFromArrays } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { buildGroups, queryGroups, readSiteMembers } from './sites';

describe('site groups', () => {
  const members = readSiteMembers(
    tableFromArrays({
      site: ['plaine_commune', 'plaine_commune', 'plaine_commune', 'plaine_commune', 'lens_lievin'],
      level: ['commune', 'commune', 'qpv', 'qpv', 'commune'],
      code: ['93066', '93001', 'QP093028', 'QN09328M', '62498'],
      name: ['Saint-Denis', 'Aubervilliers', 'Franc-Moisin', 'Franc Moisin - Cosmonautes', 'Lens'],
      qpv_list: [null, null, '2015', '2024', null],
    }),
  );
  it('reads a site as its published territory, its communes and QPV of both lists listed apart', () => {
    const [pc] = buildGroups(['plaine_commune'], members, []);
    expect(pc?.members).toEqual([{ level: 'site', code: 'plaine_commune' }]);
    expect(pc?.memberNames).toEqual(['Saint-Denis', 'Aubervilliers']);
    expect(pc?.qpv).toEqual([
      { code: 'QP093028', name: 'Franc-Moisin', list: '2015' },
      { code: 'QN09328M', name: 'Franc Moisin - Cosmonautes', list: '2024' },
    ]);
  });
  it('keeps the convention order and appends custom groups', () => {
    const groups = buildGroups(['lens_lievin', 'plaine_commune', 'vaulx_en_velin'], members, [
      { name: "L'Haÿ ; test", members: [{ level: 'departement', code: '93' }] },
    ]);
    expect(groups.map((g) => g.id)).toEqual([
      'plaine_commune',
      'vaulx_en_velin',
      'lens_lievin',
      'groupe-1',
    ]);
    // A site absent from the data stays visible but is not queried.
    expect(queryGroups(groups).map((g) => g.id)).toEqual([
      'plaine_commune',
      'lens_lievin',
      'groupe-1',
    ]);
  });
});
