/**
 * Official QPV contours placed by a user in GEODATA_DIR (a `qpv*.geojson` from the ANCT dataset on
 * data.gouv.fr, found by `findOfficialQpvFile`), matched to the reference lists by code: the 2015
 * files name it `code_qp`, the 2024 files `code_quartier` or `code_qp`. Only the shapes are read;
 * names, communes and lists come from the references. Codes the lists do not hold are ignored.
 */
import fs from 'node:fs';
import { polygonsOf, type AreaGeometry, type MultiPolygonCoords } from './geometry';

const CODE_KEYS = ['code_qp', 'code_quartier', 'CODE_QP', 'code'];

export interface OfficialContours {
  /** QPV code → its polygons (true lon/lat), for the codes of `known` found in the file. */
  readonly polygons: ReadonlyMap<string, MultiPolygonCoords>;
  /** Codes in the file that no reference list holds, sorted. */
  readonly unknown: readonly string[];
}

export function readOfficialQpv(file: string, known: ReadonlySet<string>): OfficialContours {
  const data = JSON.parse(fs.readFileSync(file, 'utf8')) as {
    features?: { properties: Record<string, unknown> | null; geometry: AreaGeometry | null }[];
  };
  const polygons = new Map<string, MultiPolygonCoords>();
  const unknown = new Set<string>();
  for (const f of data.features ?? []) {
    const p = f.properties ?? {};
    const key = CODE_KEYS.find((k) => typeof p[k] === 'string' && String(p[k]).trim());
    const code = key ? String(p[key]).trim() : '';
    const shape = polygonsOf(f.geometry);
    if (!code || !shape.length) continue;
    if (!known.has(code)) {
      unknown.add(code);
      continue;
    }
    // A QPV drawn in several features keeps all its parts.
    polygons.set(code, [...(polygons.get(code) ?? []), ...shape]);
  }
  return { polygons, unknown: [...unknown].sort() };
}
