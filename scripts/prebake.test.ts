/**
 * Every prebaked result equals the live one (DuckDB-WASM's Node build, the page's engine): for the
 * committed fixtures and for the built demo data set, the index was computed on this very data
 * set (its manifest's fingerprint), lists exactly the SQL the Carte view, the Sites view and the
 * report send now for the entry views, and each file has the live result's schema and values. A stale prebaked folder (data
 * rebuilt without it, a query builder changed) fails here: run `npx tsx scripts/prebake.ts`
 * (`--out data/fixtures` for the fixtures).
 */
import fs from 'node:fs';
import path from 'node:path';
import { tableFromIPC, type Table } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatasetManifest } from '../src/catalogue/dataset';
import type { Connector } from '../src/db/connector';
import { createNodeConnector } from '../src/db/node';
import {
  PREBAKED_DIR,
  PREBAKED_FORMAT,
  PREBAKED_INDEX,
  datasetFingerprint,
  prebakedFileName,
  type PrebakedIndex,
} from '../src/db/prebaked-index';
import {
  entryLevels,
  entryQueries,
  entryViews,
  sitesEntryQueries,
} from '../src/query/entry-queries';
import { readSiteMembers, siteMembersSql } from '../src/query/sites';
import { INDICATORS } from '../src/catalogue';
import type { FeatureCollection } from 'geojson';
import { posterFile, type PosterGeometry } from '../src/map/poster-format';
import { posterGeometry } from './lib/poster-geometry';
import { REPO_ROOT } from './lib/options';
import { plannedQueries } from './prebake';

const schemaOf = (t: Table): string[] =>
  t.schema.fields.map((f) => `${f.name}: ${String(f.type)}${f.nullable ? '?' : ''}`);
const rowsOf = (t: Table): unknown[] => t.toArray().map((r: { toJSON(): unknown }) => r.toJSON());

describe.each([
  ['the fixtures', path.join(REPO_ROOT, 'data', 'fixtures')],
  ['the built demo data set', path.join(REPO_ROOT, 'data')],
])('prebaked results of %s', (_, dir) => {
  let db: Connector;
  let manifest: DatasetManifest;
  let index: PrebakedIndex;
  let wanted: string[];
  beforeAll(async () => {
    const indexFile = path.join(dir, PREBAKED_INDEX);
    if (!fs.existsSync(indexFile))
      throw new Error(`${indexFile} absent : lancez « npx tsx scripts/prebake.ts --out ${dir} ».`);
    index = JSON.parse(fs.readFileSync(indexFile, 'utf8')) as PrebakedIndex;
    manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
    db = await createNodeConnector();
    // Only the tables the entry queries read (the demo's non_recours alone takes a minute); Sites'
    // and the report's are planned from the sites' members as read live here.
    wanted = await plannedQueries(db, dir);
  }, 300_000);
  afterAll(() => db.close());

  it('were computed on this data set, for the SQL the entry views send now', () => {
    expect(index.format).toBe(PREBAKED_FORMAT);
    expect(index.dataset).toBe(datasetFingerprint(manifest));
    expect(index.entries.map((e) => e.sql)).toEqual(wanted);
    for (const e of index.entries) expect(e.file).toBe(prebakedFileName(e.sql));
    // Nothing else in the folder: no file of an older query is served.
    expect(fs.readdirSync(path.join(dir, PREBAKED_DIR)).sort()).toEqual(
      ['index.json', ...index.entries.map((e) => e.file), ...entryLevels().map(posterFile)].sort(),
    );
  });

  it('answer every query the Sites view and the report send first', async () => {
    const members = readSiteMembers(await db.query(siteMembersSql()));
    // Every site of the data set is read (not an empty plan), and every panel of each indicator.
    expect(members.communes.size).toBeGreaterThan(0);
    const sites = sitesEntryQueries(members);
    expect(sites.length).toBeGreaterThan(2 * INDICATORS.length);
    const listed = new Set(index.entries.map((e) => e.sql));
    for (const sql of [...entryQueries(), ...sites]) expect(listed.has(sql)).toBe(true);
    // Each tagged with the views that send it (the page fetches its own view's at once).
    const views = entryViews(members);
    expect(index.entries.map((e) => e.views)).toEqual(index.entries.map((e) => views.get(e.sql)));
    for (const sql of sites)
      expect(views.get(sql)?.some((v) => v === 'sites' || v === 'rapport')).toBe(true);
  });

  it('hold the poster geometry of each entry level, as built from this data set now', () => {
    for (const level of entryLevels()) {
      const geo = manifest.geometry.find((g) => g.level === level);
      if (!geo) throw new Error(`no geometry for ${level}`);
      const read = (file: string): FeatureCollection =>
        JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as FeatureCollection;
      const areas = read(geo.file);
      const file = JSON.parse(
        fs.readFileSync(path.join(dir, PREBAKED_DIR, posterFile(level)), 'utf8'),
      ) as PosterGeometry;
      expect(file).toEqual(posterGeometry(level, index.dataset, areas, read(geo.points)));
      // Every territory of the map is drawn (none simplified away).
      expect(file.areas.map((a) => a.code).sort()).toEqual(
        areas.features.map((f) => String(f.properties?.['code'])).sort(),
      );
    }
  });

  it('equal the live results, schema and values', async () => {
    expect(index.entries.length).toBeGreaterThan(0);
    for (const e of index.entries) {
      const bytes = fs.readFileSync(path.join(dir, PREBAKED_DIR, e.file));
      expect(bytes.length).toBe(e.bytes);
      const prebaked = tableFromIPC(bytes);
      const live = await db.query(e.sql);
      expect(prebaked.numRows).toBe(e.rows);
      expect(schemaOf(prebaked)).toEqual(schemaOf(live));
      expect(rowsOf(prebaked)).toEqual(rowsOf(live));
    }
  });
});

describe('the data set fingerprint', () => {
  it('changes with any table of the manifest', () => {
    const m = JSON.parse(
      fs.readFileSync(path.join(REPO_ROOT, 'data', 'fixtures', 'manifest.json'), 'utf8'),
    ) as DatasetManifest;
    const [first, ...rest] = m.tables;
    if (!first) throw new Error('fixtures without tables');
    const rebuilt = { ...m, tables: [{ ...first, bytes: first.bytes + 1 }, ...rest] };
    expect(datasetFingerprint(rebuilt)).not.toBe(datasetFingerprint(m));
    expect(datasetFingerprint(JSON.parse(JSON.stringify(m)) as DatasetManifest)).toBe(
      datasetFingerprint(m),
    );
  });
});
