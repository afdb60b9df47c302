/**
 * Official QPV contours placed by a user in GEODATA_DIR (qpv*.geojson, ANCT attribute names) are
 * matched to the reference lists by code: those QPV get their shape and a point inside it, the
 * others stay at their commune's point. GEODATA_DIR is read-only, so the test links the real
 * references into a temporary folder and adds a hand-made file of three squares (two QPV 2024
 * and one QPV 2015 of Saint-Denis) and one code that no list holds.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildGeometry } from './geo';
import { containsPoint } from './lib/geometry';
import { geodataDir } from './lib/options';
import { loaderContext, type LoaderTestContext } from './lib/reference/test-support';
import { buildTerritories } from './territories.parquet';

const square = (lon: number, lat: number, d: number): number[][][] => [
  [
    [lon - d, lat - d],
    [lon + d, lat - d],
    [lon + d, lat + d],
    [lon - d, lat + d],
    [lon - d, lat - d],
  ],
];

const CONTOURS = [
  { key: 'code_quartier', code: 'QN09328M', lon: 2.37, lat: 48.915 },
  { key: 'code_quartier', code: 'QN09335M', lon: 2.36, lat: 48.945 },
  { key: 'code_qp', code: 'QP093028', lon: 2.37, lat: 48.915 },
  { key: 'code_qp', code: 'QN00000X', lon: 2.35, lat: 48.93 },
];

let previous: string | undefined;
let geodata = '';
let ctx: LoaderTestContext;

beforeAll(async () => {
  const reference = geodataDir();
  geodata = fs.mkdtempSync(path.join(os.tmpdir(), 'observatoire-geodata-'));
  for (const entry of fs.readdirSync(reference))
    if (fs.statSync(path.join(reference, entry)).isDirectory())
      fs.symlinkSync(path.join(reference, entry), path.join(geodata, entry));
  fs.writeFileSync(
    path.join(geodata, 'qpv-contours-test.geojson'),
    JSON.stringify({
      type: 'FeatureCollection',
      features: CONTOURS.map((q) => ({
        type: 'Feature',
        properties: { [q.key]: q.code, nom_qp: 'ignoré : le nom vient de la liste' },
        geometry: { type: 'Polygon', coordinates: square(q.lon, q.lat, 0.002) },
      })),
    }),
  );
  previous = process.env.GEODATA_DIR;
  process.env.GEODATA_DIR = geodata;
  ctx = await loaderContext(['93'], { geo: true });
});

afterAll(() => {
  ctx.close();
  if (geodata) fs.rmSync(geodata, { recursive: true, force: true });
  if (previous === undefined) delete process.env.GEODATA_DIR;
  else process.env.GEODATA_DIR = previous;
});

describe('official QPV contours in GEODATA_DIR', () => {
  it('gives the QPV they name their shape and a point inside it, by code', () => {
    const model = ctx.model;
    expect(model.qpvPolygons).toBe('official');
    const withShape = model.qpv.filter((q) => q.polygons.length).map((q) => q.code);
    expect(withShape).toEqual(['QN09328M', 'QN09335M', 'QP093028']);
    for (const code of withShape) {
      const q = model.qpvByCode.get(code);
      expect(q?.positionSource).toBe('contour');
      expect(containsPoint(q?.polygons ?? [], q?.point ?? [0, 0])).toBe(true);
      expect(q?.areaKm2).toBeGreaterThan(0);
      expect(q?.name).not.toContain('ignoré');
    }
    const others = model.qpv.filter((q) => !q.polygons.length);
    expect(others.length).toBeGreaterThan(50);
    for (const q of others) expect(q.positionSource).toBe('commune');
    expect(model.notes.join(' ')).toMatch(/Contours officiels.*1 codes? hors des listes/);
    expect(model.references.map((r) => r.id)).toContain('qpvContours');
  });

  it('writes those shapes, and points at the contour without offset, in territories and geo', async () => {
    await buildTerritories(ctx);
    const rows = await ctx.rows(
      `SELECT code, position, area_km2 IS NOT NULL AS area FROM ${ctx.parquet('territories.parquet')}
       WHERE level = 'qpv' AND position = 'contour' ORDER BY code`,
    );
    expect(rows).toEqual([
      { code: 'QN09328M', position: 'contour', area: true },
      { code: 'QN09335M', position: 'contour', area: true },
      { code: 'QP093028', position: 'contour', area: true },
    ]);
    const { manifest } = await buildGeometry(ctx);
    const read = (file: string) =>
      JSON.parse(fs.readFileSync(path.join(ctx.opts.outDir, file), 'utf8')) as {
        features: { properties: Record<string, unknown> }[];
      };
    const shapes = read('geo/qpv.geojson').features.map((f) => f.properties);
    expect(shapes.map((p) => [p.code, p.list])).toEqual([
      ['QN09328M', '2024'],
      ['QN09335M', '2024'],
      ['QP093028', '2015'],
    ]);
    for (const p of read('geo/qpv-points.geojson').features.map((f) => f.properties))
      if (p.position === 'contour') expect(p.offset).toEqual([0, 0]);
    const entry = manifest.find((g) => g.level === 'qpv');
    expect(entry?.features).toBe(3);
    expect(entry?.pointPosition).toBe('mixed');
  });
});
