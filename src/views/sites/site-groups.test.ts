import { tableFromArrays } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { buildGroups, queryGroups, readSiteMembers } from './site-groups';

describe('site groups', () => {
  const members = readSiteMembers(
    tableFromArrays({
      site: ['plaine_commune', 'plaine_commune', 'plaine_commune', 'lens_lievin'],
      level: ['commune', 'commune', 'qpv', 'commune'],
      code: ['93066', '93001', 'QP1', '62498'],
      name: ['Saint-Denis', 'Aubervilliers', 'Franc-Moisin', 'Lens'],
    }),
  );
  it('sums a site over its communes and lists its QPV apart', () => {
    const [pc] = buildGroups(['plaine_commune'], members, []);
    expect(pc?.members).toEqual([
      { level: 'commune', code: '93066' },
      { level: 'commune', code: '93001' },
    ]);
    expect(pc?.qpv).toEqual([{ code: 'QP1', name: 'Franc-Moisin' }]);
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
