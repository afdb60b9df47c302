/**
 * Provenance per table, with the real engine: after an own services file, an export of the
 * demo's claims map is still the synthetic demonstration set (it reads no services), the
 * services map names the own file, and a figure reading both names both and is synthetic.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { INDICATORS, LAST_YEAR, type DatasetManifest } from '../catalogue';
import { createNodeConnector, loadDatasetFromDir } from '../db/node';
import type { Connector } from '../db/connector';
import { lockEngine } from '../db/load-tables';
import {
  datasetProvenance,
  provenanceOf,
  replaceProvenance,
  syntheticShown,
  tablesInPlan,
  tablesReadOn,
  type ProvenanceMap,
} from '../db/provenance';
import { loadOwnFile, prepareOwnFile } from '../ingest/load-own';
import { targetTable } from '../ingest/detect';
import { indicatorByTerritory, NO_FILTERS } from '../query';
import { parquetMetadata } from './run-export';
import { provenanceMeta, type ExportMeta } from './meta';

const FIXTURES = path.resolve(__dirname, '../../data/fixtures');
let db: Connector;
let manifest: DatasetManifest;
let tables: ProvenanceMap;

const base: ExportMeta = {
  title: 'Réclamations pour discrimination',
  subtitle: 'Tous critères',
  source: 'Défenseur des droits',
  vintage: '2015–2024',
  synthetic: true,
  date: new Date('2026-11-25T00:00:00Z'),
  url: 'http://localhost/?vue=carte',
};

function indicator(id: string) {
  const ind = INDICATORS.find((i) => i.id === id);
  if (!ind) throw new Error(`indicator ${id} missing`);
  return ind;
}

/** The Parquet provenance an export of `sql` carries, as the export menu builds it. */
async function exported(sql: string): Promise<Map<string, string>> {
  const provenance = provenanceOf(tables, await tablesReadOn(db, sql));
  return parquetMetadata({ ...base, ...provenanceMeta(provenance, true) }, sql);
}

beforeAll(async () => {
  db = await createNodeConnector();
  manifest = JSON.parse(
    readFileSync(path.join(FIXTURES, 'manifest.json'), 'utf8'),
  ) as DatasetManifest;
  await loadDatasetFromDir(db, FIXTURES);
  await lockEngine(db);
  tables = datasetProvenance(manifest, 0);
  const csv =
    'id;type;name;commune_code;lon;lat;opened;closed;synthetic\n' +
    'FS-1;france_services;France services de Liévin;62510;2,78;50,42;15/01/2020;;faux\n';
  const outcome = await loadOwnFile(
    db,
    await prepareOwnFile('lieux.csv', new TextEncoder().encode(csv)),
  );
  if (!outcome.ok) throw new Error(outcome.detail);
  tables = replaceProvenance(
    tables,
    manifest,
    { tables: [targetTable(outcome.table)], ownFile: 'lieux.csv' },
    1,
  );
});
afterAll(() => db.close());

describe('provenance of an export comes from the tables its SQL reads', () => {
  it('the claims map after an own services file: the demo’s source, synthetic', async () => {
    const sql = indicatorByTerritory(
      indicator('reclamations'),
      'departement',
      LAST_YEAR,
      NO_FILTERS,
    );
    expect(await tablesReadOn(db, sql)).not.toContain('services');
    const kv = await exported(sql);
    expect(kv.get('observatoire.source')).toBe('Défenseur des droits');
    expect(kv.get('observatoire.synthetic')).toBe('true');
    expect(kv.get('observatoire.vintage')).toBe('2015–2024');
  });

  it('the France services map names the own file', async () => {
    const sql = indicatorByTerritory(
      indicator('france_services'),
      'departement',
      LAST_YEAR,
      NO_FILTERS,
    );
    expect(await tablesReadOn(db, sql)).toContain('services');
    const kv = await exported(sql);
    expect(kv.get('observatoire.source')).toContain('fichier local : lieux.csv');
  });

  it('a figure reading own services and demo claims names both, synthetic', async () => {
    const sql =
      'SELECT s.name, c."count" FROM services s JOIN cases c ON c.level = \'commune\' AND c.code = s.commune_code';
    expect(await tablesReadOn(db, sql)).toEqual(['cases', 'services']);
    const kv = await exported(sql);
    expect(kv.get('observatoire.source')).toBe('Défenseur des droits ; fichier local : lieux.csv');
    expect(kv.get('observatoire.synthetic')).toBe('true');
  });

  it('only own tables: the own file alone, not synthetic', async () => {
    const kv = await exported('SELECT name FROM services');
    expect(kv.get('observatoire.source')).toBe('fichier local : lieux.csv');
    expect(kv.get('observatoire.synthetic')).toBe('false');
    expect(kv.has('observatoire.vintage')).toBe(false);
  });
});

describe('tables read, from the plan', () => {
  it('tells table reads from CTEs, aliases and strings of the same name', async () => {
    const sql =
      "WITH services AS (SELECT 1 AS n) SELECT 'cases' AS territories, n AS non_recours, i.id FROM services, indicators i";
    expect(await tablesReadOn(db, sql)).toEqual(['indicators']);
  });
  it('falls back on the names in the text when the plan scans no table', async () => {
    expect(await tablesReadOn(db, 'DESCRIBE cases')).toEqual(['cases']);
  });
  it('reads the tables of a JSON plan', () => {
    const plan = JSON.stringify([
      { name: 'X', children: [{ name: 'SEQ_SCAN', children: [], extra_info: { Table: 'cases' } }] },
    ]);
    expect(tablesInPlan(plan)).toEqual(['cases']);
  });
});

describe('provenance map', () => {
  it('an own file is never synthetic; the return to the demo restores the manifest’s', () => {
    expect(tables.get('services')).toMatchObject({ ownFile: 'lieux.csv', synthetic: false });
    expect(tables.get('cases')).toMatchObject({ ownFile: null, synthetic: true });
    const back = replaceProvenance(tables, manifest, { tables: ['services'], ownFile: null }, 2);
    expect(back.get('services')).toMatchObject({ ownFile: null, version: 2 });
    expect(provenanceOf(back, ['services', 'territories']).ownFiles).toEqual([]);
  });
});

describe('synthetic-data banner', () => {
  it('shows while a figure on screen reads a synthetic table, not for own data alone', () => {
    expect(syntheticShown([['services']], tables, true)).toBe(false);
    expect(syntheticShown([['services'], ['cases', 'territories']], tables, true)).toBe(true);
    expect(syntheticShown([['services', 'cases']], tables, true)).toBe(true);
  });
  it('with no figure on screen: while a table is synthetic, or as the manifest says', () => {
    expect(syntheticShown([], tables, false)).toBe(true);
    const allOwn = replaceProvenance(
      tables,
      manifest,
      { tables: [...tables.keys()], ownFile: 'tout.csv' },
      3,
    );
    expect(syntheticShown([], allOwn, true)).toBe(false);
    expect(syntheticShown([], new Map(), true)).toBe(true);
  });
});
