/**
 * The territory model shared by every loader: current communes with population, area, density
 * class, centroid and site; their EPCI, départements and régions; and the QPV (official when
 * placed in GEODATA_DIR, otherwise demo). Built once per run, in memory.
 */
import { SITE_DEFINITIONS, type Rurality, type SiteId } from '../../src/catalogue';
import { COG_VINTAGE, loadCog, type Cog } from './cog';
import { GEO_VINTAGE, findOfficialQpvFile, readCommunePieces } from './geodata';
import {
  areaKm2,
  centroid,
  containsPoint,
  innerPoint,
  type MultiPolygonCoords,
  type Position,
} from './geometry';
import type { BuildOptions } from './options';
import { geodataDir } from './options';
import { generateDemoQpv } from './qpv-demo';
import { readOfficialQpv } from './qpv-official';

export interface CommuneModel {
  readonly code: string;
  readonly name: string;
  readonly departement: string;
  readonly region: string;
  readonly epci: string | null;
  readonly population: number;
  readonly areaKm2: number | null;
  readonly rurality: Rurality | null;
  /** Interior point (true lon/lat), null when the commune has no contour. */
  readonly point: Position | null;
  readonly site: SiteId | null;
  readonly polygons: MultiPolygonCoords;
}

export interface QpvModel {
  readonly code: string;
  readonly name: string;
  readonly commune: string;
  readonly population: number;
  readonly areaKm2: number;
  readonly point: Position;
  readonly polygons: MultiPolygonCoords;
  readonly synthetic: boolean;
}

export interface TerritoryModel {
  readonly cog: Cog;
  readonly communes: readonly CommuneModel[];
  readonly communeByCode: ReadonlyMap<string, CommuneModel>;
  readonly qpv: readonly QpvModel[];
  readonly qpvSynthetic: boolean;
  readonly qpvVintage: string;
  readonly communesWithoutGeometry: readonly string[];
  readonly unmatchedGeometry: readonly string[];
  readonly notes: string[];
}

export const COMMUNE_VINTAGE = `${COG_VINTAGE} ; ${GEO_VINTAGE}`;

/**
 * Density class approximating Insee's communal density grid (which is computed on 1 km² cells,
 * not available here) from the commune's population and area. Thresholds chosen so that the
 * national shares of population are close to the published grid (≈ 38 / 30 / 28 / 4 %).
 */
export function ruralityFromDensity(population: number, area: number | null): Rurality | null {
  if (area === null || !(area > 0)) return null;
  const density = population / area;
  if ((density >= 1_500 && population >= 10_000) || (density >= 3_000 && population >= 5_000))
    return 'dense';
  if ((density >= 180 && population >= 2_000) || density >= 600) return 'intermediaire';
  if (density < 20) return 'tres_peu_dense';
  return 'peu_dense';
}

function siteMembership(cog: Cog): Map<string, SiteId> {
  const out = new Map<string, SiteId>();
  for (const site of SITE_DEFINITIONS) {
    for (const c of site.communes) out.set(c, site.id);
    if (site.epci) {
      const group = [...cog.epci, ...cog.ept].find((g) => g.code === site.epci);
      for (const c of group?.members ?? []) out.set(c, site.id);
    }
  }
  return out;
}

export function buildModel(opts: BuildOptions): TerritoryModel {
  const cog = loadCog(opts.departements);
  const geodata = geodataDir();
  const { pieces, unmatched } = readCommunePieces(geodata, cog, opts.departements);
  const sites = siteMembership(cog);
  const communes: CommuneModel[] = cog.communes.map((c) => {
    const polygons = pieces.get(c.code) ?? [];
    const area = polygons.length ? areaKm2(polygons) : null;
    let point: Position | null = null;
    if (polygons.length) {
      const ctr = centroid(polygons);
      point = containsPoint(polygons, ctr) ? ctr : innerPoint(polygons, 8);
    }
    return {
      code: c.code,
      name: c.name,
      departement: c.departement,
      region: c.region,
      epci: cog.epciOf.get(c.code) ?? null,
      population: c.population,
      areaKm2: area,
      rurality: ruralityFromDensity(c.population, area),
      point,
      site: sites.get(c.code) ?? null,
      polygons,
    };
  });
  const communeByCode = new Map(communes.map((c) => [c.code, c]));
  const notes: string[] = [];
  const official = findOfficialQpvFile(geodata);
  let qpv: QpvModel[];
  let qpvSynthetic = true;
  let qpvVintage = 'QPV de démonstration';
  if (official) {
    qpv = readOfficialQpv(official, communes, opts.departements);
    qpvSynthetic = false;
    qpvVintage = 'QPV officiels (fichier fourni dans GEODATA_DIR)';
    notes.push(`QPV officiels lus dans ${official} (${qpv.length} quartiers).`);
  } else {
    qpv = generateDemoQpv(communes, cog, opts.seed, opts.departements);
  }
  const communesWithoutGeometry = communes.filter((c) => !c.polygons.length).map((c) => c.code);
  return {
    cog,
    communes,
    communeByCode,
    qpv,
    qpvSynthetic,
    qpvVintage,
    communesWithoutGeometry,
    unmatchedGeometry: unmatched,
    notes,
  };
}
