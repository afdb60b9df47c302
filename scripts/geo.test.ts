/**
 * Map geometry on a few départements (with a DROM), built for real with mapshaper from
 * GEODATA_DIR: every mapped territory has a shape and a label point, QPV lie inside their commune,
 * the DROM are drawn as insets, and the manifest lists what was written.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAP_LEVELS, type DatasetManifest } from '../src/catalogue';
import { buildAll } from './build-all';
import { containsPoint, polygonsOf, type AreaGeometry } from './lib/geometry';
import { buildInto, cleanup, connect, pq, rows } from './lib/test-helpers';

interface Fc {
  features: {
    properties: Record<string, string | number>;
    geometry: AreaGeometry | { type: 'Point'; coordinates: [number, number] };
  }[];
}

let dir = '';
const read = (file: string): Fc => JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as Fc;

beforeAll(async () => {
  dir = await buildInto('geo', { geo: true, departements: ['93', '69', '13', '62', '971'] });
});

afterAll(cleanup);

describe('geometry', () => {
  it.each(MAP_LEVELS)('every %s of territories has a shape and a label point', async (level) => {
    const conn = await connect();
    const codes = (
      await rows(
        conn,
        `SELECT code, name FROM ${pq(dir, 'territories')} WHERE level = '${level}' ORDER BY code`,
      )
    ).map((r) => [String(r.code), String(r.name)]);
    expect(codes.length).toBeGreaterThan(0);
    const shapes = read(`geo/${level}.geojson`).features;
    const points = read(`geo/${level}-points.geojson`).features;
    expect(shapes.map((f) => [f.properties.code, f.properties.name])).toEqual(codes);
    expect(points.map((f) => f.properties.code)).toEqual(codes.map((c) => c[0]));
    for (const f of shapes) expect(['Polygon', 'MultiPolygon']).toContain(f.geometry.type);
    for (const p of points) expect(typeof p.properties.population).toBe('number');
  });

  it('each QPV lies inside its commune', async () => {
    const conn = await connect();
    const communeOf = new Map(
      (
        await rows(
          conn,
          `SELECT code, commune_code FROM ${pq(dir, 'territories')} WHERE level = 'qpv'`,
        )
      ).map((r) => [String(r.code), String(r.commune_code)]),
    );
    const communes = new Map(
      read('geo/commune.geojson').features.map((f) => [
        String(f.properties.code),
        polygonsOf(f.geometry as AreaGeometry),
      ]),
    );
    const qpv = read('geo/qpv.geojson').features;
    expect(qpv.length).toBeGreaterThan(100);
    for (const q of qpv) {
      const shape = communes.get(communeOf.get(String(q.properties.code)) ?? '') ?? [];
      for (const poly of polygonsOf(q.geometry as AreaGeometry))
        for (const vertex of poly[0] ?? [])
          expect(containsPoint(shape, vertex), `${q.properties.code} ${vertex.join(',')}`).toBe(
            true,
          );
    }
  });

  it('draws Guadeloupe as an inset in the Atlantic, west of Brittany', () => {
    const guadeloupe = read('geo/departement.geojson').features.find(
      (f) => f.properties.code === '971',
    );
    const xs = polygonsOf(guadeloupe?.geometry as AreaGeometry).flatMap((p) =>
      (p[0] ?? []).map((v) => v),
    );
    expect(xs.length).toBeGreaterThan(10);
    for (const [lon, lat] of xs) {
      expect(lon).toBeGreaterThan(-10);
      expect(lon).toBeLessThan(-6);
      expect(lat).toBeGreaterThan(46.5);
      expect(lat).toBeLessThan(49.5);
    }
  });

  it('writes a manifest listing every file, and --if-missing then leaves it alone', async () => {
    const file = path.join(dir, 'manifest.json');
    const manifest = JSON.parse(fs.readFileSync(file, 'utf8')) as DatasetManifest;
    expect(manifest.synthetic).toBe(true);
    expect(manifest.seed).toBe(2015);
    expect(manifest.tables.map((t) => t.name).sort()).toEqual([
      'cases',
      'indicators',
      'non_recours',
      'services',
      'territories',
    ]);
    expect(manifest.geometry.map((g) => g.level)).toEqual([...MAP_LEVELS]);
    for (const t of manifest.tables) {
      expect(fs.statSync(path.join(dir, t.file)).size).toBe(t.bytes);
      expect(t.provenance.length).toBeGreaterThan(40);
    }
    const before = fs.statSync(file).mtimeMs;
    await buildAll({
      seed: 1,
      scale: 1,
      outDir: dir,
      geo: true,
      ifMissing: true,
      departements: ['93'],
      quiet: true,
    });
    expect(fs.statSync(file).mtimeMs).toBe(before);
  });
});
