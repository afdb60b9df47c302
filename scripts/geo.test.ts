/**
 * Map geometry on a few départements (with a DROM), built for real with mapshaper from
 * GEODATA_DIR: every mapped territory has a shape and a label point, every QPV of both lists a
 * point (laid out around its commune's point without overlap), no QPV shape is invented, the
 * DROM are drawn as insets, and the manifest entries list what was written.
 */
import fs from 'node:fs';
import path from 'node:path';
import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAP_LEVELS, TILE_LAYERS, type GeometryManifest } from '../src/catalogue';
import { buildGeometry, hexOffset, QPV_SPACING_PX } from './geo';
import { toDisplay } from './lib/display';
import { polygonsOf, type AreaGeometry } from './lib/geometry';
import { loaderContext, type LoaderTestContext } from './lib/reference/test-support';
import { tileOf } from './lib/tiles';
import { buildTerritories } from './territories.parquet';

interface Fc {
  features: {
    properties: Record<string, string | number | number[] | null>;
    geometry: AreaGeometry | { type: 'Point'; coordinates: [number, number] };
  }[];
}

let ctx: LoaderTestContext;
let manifest: GeometryManifest[] = [];
let bounds: [number, number, number, number] = [0, 0, 0, 0];
let dir = '';
const read = (file: string): Fc => JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as Fc;

beforeAll(async () => {
  ctx = await loaderContext(['93', '69', '13', '62', '971'], { geo: true });
  dir = ctx.opts.outDir;
  await buildTerritories(ctx);
  ({ manifest, bounds } = await buildGeometry(ctx));
});

afterAll(() => ctx.close());

describe('geometry', () => {
  it.each(MAP_LEVELS.filter((l) => l !== 'qpv'))(
    'every %s of territories has a shape and a label point',
    async (level) => {
      const codes = (
        await ctx.rows(
          `SELECT code, name FROM ${ctx.parquet('territories.parquet')} WHERE level = '${level}' ORDER BY code`,
        )
      ).map((r) => [String(r.code), String(r.name)]);
      expect(codes.length).toBeGreaterThan(0);
      const shapes = read(`geo/${level}.geojson`).features;
      const points = read(`geo/${level}-points.geojson`).features;
      expect(shapes.map((f) => [f.properties.code, f.properties.name])).toEqual(codes);
      expect(points.map((f) => f.properties.code)).toEqual(codes.map((c) => c[0]));
      for (const f of shapes) expect(['Polygon', 'MultiPolygon']).toContain(f.geometry.type);
      for (const p of points) expect(typeof p.properties.population).toBe('number');
    },
  );

  it('gives every QPV of both lists a point at its main commune, and invents no shape', async () => {
    const qpv = await ctx.rows(
      `SELECT code, name, population, qpv_list, valid_from, valid_to, position, commune_code
       FROM ${ctx.parquet('territories.parquet')} WHERE level = 'qpv' ORDER BY code`,
    );
    expect(new Set(qpv.map((q) => q.qpv_list))).toEqual(new Set(['2015', '2024']));
    const points = read('geo/qpv-points.geojson').features;
    expect(points.map((p) => p.properties.code)).toEqual(qpv.map((q) => q.code));
    points.forEach((p, i) => {
      const q = qpv[i];
      expect(p.properties).toMatchObject({
        name: q?.name,
        population: q?.population,
        list: q?.qpv_list,
        valid_from: q?.valid_from,
        valid_to: q?.valid_to,
        position: q?.position,
      });
      const commune = ctx.model.communeByCode.get(String(q?.commune_code));
      const model = ctx.model.qpvByCode.get(String(q?.code));
      if (q?.position === 'commune' && commune && model) {
        const [x, y] = toDisplay(commune.departement, model.point);
        expect(p.geometry.coordinates).toEqual([
          Math.round(x * 1e4) / 1e4,
          Math.round(y * 1e4) / 1e4,
        ]);
      }
    });
    // Shapes only from an official contour file in GEODATA_DIR.
    const shapes = read('geo/qpv.geojson').features;
    expect(shapes.length).toBe(ctx.model.qpv.filter((q) => q.polygons.length).length);
    const entry = manifest.find((g) => g.level === 'qpv');
    expect(entry).toMatchObject({
      file: 'geo/qpv.geojson',
      points: 'geo/qpv-points.geojson',
      features: shapes.length,
      synthetic: false,
    });
    expect(entry?.pointPosition).toBe(ctx.model.qpvPolygons === 'none' ? 'commune' : 'mixed');
  });

  it('lays the QPV of one commune and one list around its point without overlap', () => {
    const groups = new Map<string, number[][]>();
    for (const p of read('geo/qpv-points.geojson').features) {
      if (p.properties.position !== 'commune') continue;
      const key = `${String(p.properties.list)} ${p.geometry.coordinates.join(',')}`;
      groups.set(key, [...(groups.get(key) ?? []), p.properties.offset as number[]]);
    }
    const largest = Math.max(...[...groups.values()].map((g) => g.length));
    expect(largest).toBeGreaterThan(3);
    for (const [key, offsets] of groups) {
      expect(offsets, key).toContainEqual([0, 0]);
      for (let i = 0; i < offsets.length; i++)
        for (let j = i + 1; j < offsets.length; j++) {
          const [ax = 0, ay = 0] = offsets[i] ?? [];
          const [bx = 0, by = 0] = offsets[j] ?? [];
          expect(Math.hypot(ax - bx, ay - by), key).toBeGreaterThan(QPV_SPACING_PX - 0.2);
        }
    }
  });

  it('fills hexagonal rings around the centre, one spacing apart', () => {
    const slots = Array.from({ length: 37 }, (_, i) => hexOffset(i));
    expect(slots[0]).toEqual([0, 0]);
    const ring = (k: number) => slots.slice(1 + 3 * k * (k - 1), 1 + 3 * k * (k + 1));
    for (const k of [1, 2, 3]) {
      const r = ring(k);
      expect(r.length).toBe(6 * k);
      for (const [x, y] of r) {
        const d = Math.hypot(x, y) / QPV_SPACING_PX;
        expect(d).toBeGreaterThan(k * 0.86 - 0.01);
        expect(d).toBeLessThan(k + 0.01);
      }
    }
    expect(new Set(slots.map((s) => s.join(','))).size).toBe(slots.length);
  });

  it('cuts the communes into vector tiles: every tile in bounds, every commune', () => {
    const set = manifest.find((g) => g.level === 'commune')?.tiles;
    expect(set).toBeDefined();
    if (!set) return;
    expect(manifest.filter((g) => g.tiles).map((g) => g.level)).toEqual(['commune']);
    const [west, south, east, north] = bounds;
    const tileFile = (template: string, z: number, x: number, y: number): string =>
      template.replace('{z}', String(z)).replace('{x}', String(x)).replace('{y}', String(y));
    /** Features of a source layer in the tiles of zoom z, by code (one per tile holding it). */
    const decode = (template: string, layer: string, z: number) => {
      const [x0, y0] = tileOf(west, north, z);
      const [x1, y1] = tileOf(east, south, z);
      const found = new Map<string, Record<string, unknown>>();
      let bytes = 0;
      for (let x = x0; x <= x1; x++)
        for (let y = y0; y <= y1; y++) {
          // Every tile the map can ask for inside the bounds exists, empty ones as 0 bytes.
          const data = fs.readFileSync(path.join(dir, tileFile(template, z, x, y)));
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
      return { found, bytes };
    };
    const shapes = read('geo/commune.geojson').features;
    const points = read('geo/commune-points.geojson').features;
    let bytes = 0;
    for (let z = set.minzoom; z <= set.maxzoom; z++) {
      const areas = decode(set.areas, TILE_LAYERS.areas, z);
      const labels = decode(set.points, TILE_LAYERS.points, z);
      bytes += areas.bytes + labels.bytes;
      expect(labels.found.size).toBe(points.length);
      for (const p of points)
        expect(labels.found.get(String(p.properties.code))).toEqual(p.properties);
      if (z === set.maxzoom) {
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
    const xs = polygonsOf(guadeloupe?.geometry as AreaGeometry).flatMap((p) => p[0] ?? []);
    expect(xs.length).toBeGreaterThan(10);
    for (const [lon, lat] of xs) {
      expect(lon).toBeGreaterThan(-10);
      expect(lon).toBeLessThan(-6);
      expect(lat).toBeGreaterThan(46.5);
      expect(lat).toBeLessThan(49.5);
    }
  });

  it('lists every map level in the manifest entries, with the files written', () => {
    expect(manifest.map((g) => g.level)).toEqual([...MAP_LEVELS]);
    for (const g of manifest) {
      expect(fs.statSync(path.join(dir, g.file)).size).toBe(g.bytes);
      expect(fs.existsSync(path.join(dir, g.points))).toBe(true);
      expect(g.synthetic).toBe(false);
    }
  });
});
