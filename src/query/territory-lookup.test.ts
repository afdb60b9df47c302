import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import type { Connector } from '../db/connector';
import { createNodeConnector, loadDatasetFromDir } from '../db/node';
import { servicesOpenAt, territoryNames, territoryParents, territorySearch } from './territory-lookup';

const FIXTURES = path.resolve(import.meta.dirname, '../../data/fixtures');
let db: Connector;

beforeAll(async () => {
  db = await createNodeConnector();
  await loadDatasetFromDir(db, FIXTURES, () => undefined);
});
afterAll(() => db.close());

const rows = async (sql: string): Promise<Record<string, unknown>[]> =>
  (await db.query(sql)).toArray().map((r: { toJSON(): Record<string, unknown> }) => r.toJSON());

describe('territory lookups over the fixtures', () => {
  it('finds territories by name without case or accents, and by code', async () => {
    const seine = await rows(territorySearch('SEINE-SAINT'));
    expect(seine[0]).toMatchObject({ level: 'departement', code: '93' });
    const byCode = await rows(territorySearch('93'));
    expect(byCode.map((r) => r.code)).toContain('93');
  });

  it('survives quotes and comment markers in the search text', async () => {
    expect(await rows(territorySearch("l'haÿ"))).not.toHaveLength(0);
    expect(await rows(territorySearch("'; DROP TABLE territories; --"))).toEqual([]);
    expect(await rows(territorySearch('   '))).toEqual([]);
  });

  it('gives a territory with its parents', async () => {
    const [t] = await rows(territoryParents({ level: 'departement', code: '93' }));
    expect(t).toMatchObject({ level: 'departement', code: '93', region_code: '11' });
    expect(typeof t?.region_name).toBe('string');
  });

  it('names several territories of different levels', async () => {
    const names = await rows(
      territoryNames([
        { level: 'departement', code: '93' },
        { level: 'france', code: 'FR' },
      ]),
    );
    expect(names.map((r) => r.code).sort()).toEqual(['93', 'FR']);
  });

  it('lists services open at the end of a year', async () => {
    const all = await rows(servicesOpenAt(2024));
    const early = await rows(servicesOpenAt(2015));
    expect(all.length).toBeGreaterThan(0);
    expect(early.length).toBeLessThanOrEqual(all.length);
    expect(Object.keys(all[0] ?? {})).toEqual(['id', 'type', 'name', 'lon', 'lat']);
  });
});
