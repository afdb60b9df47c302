/**
 * Map geometry on a few départements (with a DROM), built for real with mapshaper from
 * GEODATA_DIR: every mapped territory has a shape and a label point, QPV lie inside their commune,
 * the DROM are drawn as insets, and the manifest lists what was written.
 */
import fs from 'node:fs';
import path from 'node:path';
import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAP_LEVELS, TILE_LAYERS, type DatasetManifest } from '../src/catalogue';
import { buildAll } from './build-all';
import { containsPoint, polygonsOf, type AreaGeometry } from './lib/geometry';
import { tileOf } from './lib/tiles';
import { tileFile } from './manifest';
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

  it('cuts the communes into vector tiles: every tile in bounds, every commune', () => {
    const manifest = JSON.parse(
      fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'),
    ) as DatasetManifest;
    const set = manifest.geometry.find((g) => g.level === 'commune')?.tiles;
    expect(set).toBeDefined();
    if (!set) return;
    expect(manifest.geometry.filter((g) => g.tiles).map((g) => g.level)).toEqual(['commune']);
    const [west, south, east, north] = manifest.bounds;
    /** Features of a source layer in the tiles of zoom z, by code (one per tile holding it). */
    const decode = (template: string, layer: string, z: number) => {
      const [x0, y0] = tileOf(west, north, z);
      const [x1, y1] = tileOf(east, south, z);
      const found = new Map<string, Record<string, unknown>>();
      let files = 0;
      let bytes = 0;
      for (let x = x0; x <= x1; x++)
        for (let y = y0; y <= y1; y++) {
          // Every tile the map can ask for inside the bounds exists, empty ones as 0 bytes.
          const data = fs.readFileSync(path.join(dir, tileFile(template, z, x, y)));
          files++;
          bytes += data.length;
          if (data.length === 0) continue;
          const tile = new VectorTile(new PbfReader(data));
          expect(Object.keys(tile.layers)).toEqual([layer]);
          const l = tile.layers[layer];
          for (let i = 0; l && i < l.length; i++) {
            const f = l.feature(i);
            found.set(String(f.properties.code), f.properties);
          }
        }
      return { found, files, bytes };
    };
    const shapes = read('geo/commune.geojson').features;
    const points = read('geo/commune-points.geojson').features;
    let bytes = 0;
    for (let z = set.minzoom; z <= set.maxzoom; z++) {
      const areas = decode(set.areas, TILE_LAYERS.areas, z);
      const labels = decode(set.points, TILE_LAYERS.points, z);
      bytes += areas.bytes + labels.bytes;
      // Every label point is in the tiles of every zoom, with its properties.
      expect(labels.found.size).toBe(points.length);
      for (const p of points)
        expect(labels.found.get(String(p.properties.code))).toEqual(p.properties);
      if (z === set.maxzoom) {
        // At the deepest zoom every commune has its polygon, with its name.
        expect(areas.found.size).toBe(shapes.length);
        for (const f of shapes)
          expect(areas.found.get(String(f.properties.code))?.name).toBe(f.properties.name);
      } else if (z >= 5) {
        // Cut for a national view: only communes below half a pixel may drop out.
        expect(areas.found.size).toBeGreaterThan(shapes.length * 0.95);
      }
    }
    expect(bytes).toBe(set.bytes);
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
