/**
 * Official QPV contours placed by a user in GEODATA_DIR (ANCT GeoJSON, data.gouv.fr). Accepts
 * the 2015 (`code_qp`) and 2024 (`code_quartier`) attribute names. A QPV's commune is the one
 * named in its attributes, else the one that contains its interior point. The population comes
 * from a `population`/`pop` attribute when present; otherwise it is estimated from the area at
 * a typical QPV density and the file's vintage says so.
 */
import fs from 'node:fs';
import { areaKm2, containsPoint, innerPoint, polygonsOf, type AreaGeometry } from './geometry';
import type { CommuneModel, QpvModel } from './model';

type Props = Record<string, unknown>;

const str = (p: Props, keys: string[]): string | null => {
  for (const k of keys) {
    const v = p[k];
    if (typeof v === 'string' && v.trim()) return v.trim();
    if (typeof v === 'number') return String(v);
  }
  return null;
};

export function readOfficialQpv(
  file: string,
  communes: readonly CommuneModel[],
  departements: readonly string[] | null,
): QpvModel[] {
  const data = JSON.parse(fs.readFileSync(file, 'utf8')) as {
    features: { properties: Props | null; geometry: AreaGeometry | null }[];
  };
  const byCode = new Map(communes.map((c) => [c.code, c]));
  const out: QpvModel[] = [];
  for (const f of data.features) {
    const p = f.properties ?? {};
    const code = str(p, ['code_qp', 'code_quartier', 'CODE_QP', 'code']);
    const polygons = polygonsOf(f.geometry);
    if (!code || !polygons.length) continue;
    const point = innerPoint(polygons, 6);
    const named = (str(p, ['insee_com', 'commune_qp', 'code_insee', 'insee']) ?? '')
      .split(/[;,]\s*/)
      .map((s) => s.trim())
      .find((c) => byCode.has(c));
    const commune =
      (named ? byCode.get(named) : undefined) ??
      communes.find((c) => c.polygons.length && containsPoint(c.polygons, point));
    if (!commune) continue;
    if (departements !== null && !departements.includes(commune.departement)) continue;
    const area = areaKm2(polygons);
    const popRaw = Number(str(p, ['population', 'pop', 'POPULATION', 'pop_mun']) ?? NaN);
    out.push({
      code,
      name: str(p, ['nom_qp', 'lib_qp', 'nom', 'name']) ?? code,
      commune: commune.code,
      population: Number.isFinite(popRaw) ? Math.round(popRaw) : Math.round(area * 9_000),
      areaKm2: area,
      point,
      polygons,
      synthetic: false,
    });
  }
  return out.sort((a, b) => (a.code < b.code ? -1 : 1));
}
