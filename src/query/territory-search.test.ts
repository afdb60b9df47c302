/**
 * Territory search on DuckDB (Node build) over data/fixtures: the typed text's normal form, and
 * the ranking (exact code, postcode, name prefix, accents ignored) with the kind and parent.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { createNodeConnector, loadDatasetFromDir } from '../db/node';
import type { Connector } from '../db/connector';
import { codeKey, searchKey, territorySearch } from './territory-search';

const FIXTURES = path.resolve(__dirname, '../../data/fixtures');
let db: Connector;
beforeAll(async () => {
  db = await createNodeConnector();
  await loadDatasetFromDir(db, FIXTURES);
});
afterAll(() => db.close());

type Row = Record<string, unknown>;
async function search(text: string, opts?: Parameters<typeof territorySearch>[1]): Promise<Row[]> {
  const t = await db.query(territorySearch(text, opts));
  return t.toArray().map((r: { toJSON(): Row }) => ({ ...r.toJSON() }));
}
const refs = (rs: Row[]): string[] => rs.map((r) => `${String(r.level)}:${String(r.code)}`);

describe('searchKey and codeKey', () => {
  it('drop accents, case and punctuation, and read St/Ste as Saint/Sainte', () => {
    expect(searchKey("L'Haÿ-les-Roses")).toBe('l hay les roses');
    expect(searchKey('  St-Denis ')).toBe('saint denis');
    expect(searchKey('Ste Geneviève-des-Bois')).toBe('sainte genevieve des bois');
    expect(searchKey('Cœur d’Ostrevent')).toBe('coeur d ostrevent');
    expect(searchKey('Stains')).toBe('stains');
    expect(searchKey('%_;--')).toBe('');
  });
  it('read a code in upper case without spaces, and only when it has a digit', () => {
    expect(codeKey('93 300')).toBe('93300');
    expect(codeKey('2a')).toBe('2A');
    expect(codeKey('qn09337m')).toBe('QN09337M');
    expect(codeKey('Lens')).toBeNull();
    expect(codeKey("93'")).toBeNull();
  });
});

describe('territorySearch', () => {
  it('finds a commune by its postcode, with its kind and parent', async () => {
    const r = await search('93300');
    expect(r[0]).toMatchObject({
      level: 'commune',
      code: '93001',
      name: 'Aubervilliers',
      postcodes: '93300',
      parent_level: 'departement',
      parent_name: 'Seine-Saint-Denis',
      match: 1,
    });
    // A postcode prefix finds every commune that has one (Saint-Denis: 93200, 93210, 93380).
    expect(refs(await search('932'))).toEqual(['commune:93066']);
  });

  it('ranks the exact code first, then codes that start with it', async () => {
    const r = await search('93');
    expect(refs(r).slice(0, 1)).toEqual(['departement:93']);
    expect(r[0]).toMatchObject({ parent_name: 'Île-de-France', match: 0 });
    expect(new Set(refs(r.slice(1)))).toEqual(
      new Set(['commune:93066', 'commune:93001', 'commune:93048']),
    );
    expect(refs(await search('200054781'))).toEqual(['epci:200054781']);
    expect(refs(await search('qn06226m'))).toEqual(['qpv:QN06226M']);
  });

  it('ignores accents, case, hyphens and Saint/St, and puts a name prefix before a word inside', async () => {
    // Liévin is a name prefix; "CA de Lens-Liévin" (EPCI and site) has the word inside.
    expect(refs(await search('lievin'))).toEqual([
      'commune:62510',
      'epci:246200364',
      'site:lens_lievin',
    ]);
    expect(refs(await search('st denis'))[0]).toBe('commune:93066');
    expect(refs(await search('L HAY LES ROSES'))).toEqual(['commune:94038']);
    // "Saint" starts Saint-Denis; it is only a word inside Ablain-Saint-Nazaire.
    const saint = await search('saint');
    expect(refs(saint).indexOf('commune:93066')).toBeLessThan(refs(saint).indexOf('commune:62001'));
    expect(saint.find((x) => x.code === '93066')?.match).toBe(3);
    expect(saint.find((x) => x.code === '62001')?.match).toBe(4);
  });

  it('finds a QPV by its name without accents, newer list first, its commune as parent', async () => {
    const r = await search('cite 2');
    expect(refs(r)).toEqual(['qpv:QN06226M', 'qpv:QP062026']);
    expect(r[0]).toMatchObject({
      name: 'Cité 2',
      qpv_list: '2024',
      parent_level: 'commune',
      parent_name: 'Lens',
    });
  });

  it('keeps to the levels asked for, and gives nothing for text that is neither name nor code', async () => {
    expect(refs(await search('93', { levels: ['commune'] })).length).toBe(3);
    expect(await search('%')).toEqual([]);
    expect(await search("'; DROP TABLE territories; --")).toEqual([]);
    expect(refs(await search('CA Test; --Nord'))).toEqual(['epci:200099999']);
  });
});
