/**
 * Reads the reference contours in GEODATA_DIR (france-geojson, IGN Admin Express COG 2018) and
 * regroups the 2018 commune polygons under current (2026 COG) codes through `anciensCodes`.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Cog } from './cog';
import type { AreaGeometry, MultiPolygonCoords } from './geometry';
import { polygonsOf } from './geometry';

interface RawFeature {
  properties: { code?: string; nom?: string } | null;
  geometry: AreaGeometry | null;
}

export interface CommunePieces {
  /** Current commune code → its 2018 polygons (true lon/lat). */
  readonly pieces: ReadonlyMap<string, MultiPolygonCoords>;
  /** 2018 codes found in the files that map to no current commune in scope. */
  readonly unmatched: readonly string[];
  readonly files: number;
}

export const GEO_VINTAGE = 'contours IGN Admin Express COG 2018 (france-geojson)';

function communesFolder(geodata: string): string {
  const folder = path.join(geodata, 'france-geojson', 'communes');
  if (!fs.existsSync(folder))
    throw new Error(
      `Contours des communes introuvables dans ${folder}. Indiquez le dossier des données de référence avec GEODATA_DIR, ou lancez « npm run data:fetch ».`,
    );
  return folder;
}

/** Département code of a france-geojson commune file name (communes-2A-corse-du-sud.geojson). */
export function departementOfFile(file: string): string | null {
  const m = /^communes-([0-9]{2,3}|2[AB])-/i.exec(file);
  return m?.[1]?.toUpperCase() ?? null;
}

export function readCommunePieces(
  geodata: string,
  cog: Cog,
  departements: readonly string[] | null,
): CommunePieces {
  const folder = communesFolder(geodata);
  const files = fs
    .readdirSync(folder)
    .filter((f) => f.endsWith('.geojson'))
    .filter((f) => {
      const dep = departementOfFile(f);
      return departements === null || (dep !== null && departements.includes(dep));
    })
    .sort();
  const pieces = new Map<string, MultiPolygonCoords>();
  const unmatched: string[] = [];
  for (const file of files) {
    const data = JSON.parse(fs.readFileSync(path.join(folder, file), 'utf8')) as {
      features: RawFeature[];
    };
    for (const f of data.features) {
      const old = f.properties?.code;
      if (!old) continue;
      const code = cog.currentCode.get(old);
      if (!code) {
        unmatched.push(old);
        continue;
      }
      const list = pieces.get(code) ?? [];
      list.push(...polygonsOf(f.geometry));
      pieces.set(code, list);
    }
  }
  return { pieces, unmatched: unmatched.sort(), files: files.length };
}

/** Official QPV contours placed by the user in GEODATA_DIR (qpv*.geojson), if any. */
export function findOfficialQpvFile(geodata: string): string | null {
  if (!fs.existsSync(geodata)) return null;
  const file = fs
    .readdirSync(geodata)
    .filter((f) => /^qpv.*\.geojson$/i.test(f))
    .sort()[0];
  return file ? path.join(geodata, file) : null;
}
