/**
 * When a user places the official QPV contours in GEODATA_DIR (qpv*.geojson, ANCT attributes),
 * the pipeline uses them instead of the demo QPV. GEODATA_DIR is read-only in CI, so the test
 * builds a temporary GEODATA_DIR that links the reference contours and adds a small QPV file.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { geodataDir } from './lib/options';
import { buildInto, cleanup, connect, pq, rows } from './lib/test-helpers';

const square = (lon: number, lat: number, d: number): number[][][] => [
  [
    [lon - d, lat - d],
    [lon + d, lat - d],
    [lon + d, lat + d],
    [lon - d, lat + d],
    [lon - d, lat - d],
  ],
];

let previous: string | undefined;
let dir = '';
let geodata = '';

beforeAll(async () => {
  const conn = await connect();
  const reference = await buildInto('qpv-ref', { departements: ['93'] });
  const [stDenis] = await rows(
    conn,
    `SELECT lon, lat FROM ${pq(reference, 'territories')} WHERE level = 'commune' AND code = '93066'`,
  );
  const lon = Number(stDenis?.lon);
  const lat = Number(stDenis?.lat);
  geodata = fs.mkdtempSync(path.join(os.tmpdir(), 'observatoire-geodata-'));
  fs.symlinkSync(path.join(geodataDir(), 'france-geojson'), path.join(geodata, 'france-geojson'));
  fs.writeFileSync(
    path.join(geodata, 'qpv-2024.geojson'),
    JSON.stringify({
      type: 'FeatureCollection',
      features: [
        { code: 'QN09301M', name: 'Franc Moisin', pop: 9_500, dx: 0 },
        { code: 'QN09302M', name: 'Floréal – Saussaie', pop: 6_200, dx: 0.004 },
      ].map((q) => ({
        type: 'Feature',
        properties: { code_qp: q.code, nom_qp: q.name, insee_com: '93066', population: q.pop },
        geometry: { type: 'Polygon', coordinates: square(lon + q.dx, lat, 0.001) },
      })),
    }),
  );
  previous = process.env.GEODATA_DIR;
  process.env.GEODATA_DIR = geodata;
  dir = await buildInto('qpv-official', { departements: ['93'] });
});

afterAll(() => {
  cleanup();
  if (geodata) fs.rmSync(geodata, { recursive: true, force: true });
  if (previous === undefined) delete process.env.GEODATA_DIR;
  else process.env.GEODATA_DIR = previous;
});

describe('official QPV in GEODATA_DIR', () => {
  it('replaces the demo QPV in territories and in the facts', async () => {
    const conn = await connect();
    const qpv = await rows(
      conn,
      `SELECT code, name, commune_code, population, synthetic, vintage
       FROM ${pq(dir, 'territories')} WHERE level = 'qpv' ORDER BY code`,
    );
    expect(qpv.map((q) => [q.code, q.commune_code, q.population, q.synthetic])).toEqual([
      ['QN09301M', '93066', 9_500, false],
      ['QN09302M', '93066', 6_200, false],
    ]);
    expect(String(qpv[0]?.vintage)).toContain('officiels');
    const [facts] = await rows(
      conn,
      `SELECT count(DISTINCT qpv_code) AS n, bool_and(qpv_code LIKE 'QN%') AS official
       FROM ${pq(dir, 'non_recours')} WHERE qpv_code IS NOT NULL`,
    );
    expect(facts?.n).toBe(2);
    expect(facts?.official).toBe(true);
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as {
      notes: string[];
    };
    expect(manifest.notes.some((n) => n.includes('QPV officiels'))).toBe(true);
  });
});
