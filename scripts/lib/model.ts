/**
 * The territory model every loader shares, built once per run from the real references in
 * GEODATA_DIR (scripts/lib/reference) and the COG: current communes with population, area,
 * Insee density level, FRR and ZRR classes, interior point and site; the QPV of the 2015 and 2024
 * lists with their communes, validity, links between lists and SYNTHETIC populations
 * (scripts/lib/qpv-population.ts); the four experimental sites. References are always read for the
 * whole country, so a restricted run (`--departements`) holds exactly the national model's
 * communes, QPV and populations for its départements.
 */
import {
  RURALITY_OF_DENSITY,
  SITE_DEFINITIONS,
  qpvValidity,
  type DensityLevel,
  type FrrClass,
  type PositionSource,
  type QpvList,
  type QpvStatus,
  type ReferenceManifest,
  type Rurality,
  type SiteId,
  type ZrrClass,
} from '../../src/catalogue';
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
import { readOfficialQpv } from './qpv-official';
import { estimateQpvPopulations, type QpvPiece } from './qpv-population';
import { communeResolver } from './reference/communes';
import { readDensity } from './reference/density';
import { readFrr } from './reference/frr';
import { inferQpv2015 } from './reference/qpv-2015';
import { readQpv2024 } from './reference/qpv-list-2024';
import { REFERENCES, frCount as fr } from './reference/sources';
import { readZrr } from './reference/zrr';

export interface CommuneModel {
  /** Current Insee code (COG of scripts/lib/cog.ts). */
  readonly code: string;
  readonly name: string;
  readonly departement: string;
  readonly region: string;
  /** SIREN of its EPCI à fiscalité propre (null for the four single-commune islands). */
  readonly epci: string | null;
  /** Population municipale (COG). */
  readonly population: number;
  /** Postcodes of the commune (COG package), sorted; empty when the reference has none. */
  readonly postcodes: readonly string[];
  /** Area of its contour, null when it has none. */
  readonly areaKm2: number | null;
  /** Insee density grid, 7 levels (null if the grid does not list it). */
  readonly densityLevel: DensityLevel | null;
  /** Insee's 4-level grouping of `densityLevel`; rural = peu_dense | tres_peu_dense. */
  readonly rurality: Rurality | null;
  /** France Ruralités Revitalisation class, 10 July 2025. */
  readonly frr: FrrClass | null;
  /** ZRR class 2017–2024 (null for communes restored since 2021). */
  readonly zrr: ZrrClass | null;
  /** Interior point of its contour (true lon/lat), null when it has no contour. */
  readonly point: Position | null;
  readonly site: SiteId | null;
  /** Contour (true lon/lat): the 2018 polygons regrouped under the current code. */
  readonly polygons: MultiPolygonCoords;
}

export interface QpvModel {
  /** QN… (2024 list) or QP… (2015 list). */
  readonly code: string;
  readonly name: string;
  readonly list: QpvList;
  /** Département, région and EPCI of its main commune. */
  readonly departement: string;
  readonly region: string;
  readonly epci: string | null;
  /** Current commune codes, main commune (largest piece) first, then by piece population. */
  readonly communes: readonly string[];
  /** First year its list is in force in its département (`qpvValidity`). */
  readonly validFrom: number;
  /** Last year in force, null while in force. */
  readonly validTo: number | null;
  /** 2024 list: status against the 2015 list; null for the 2015 list. */
  readonly status: QpvStatus | null;
  /** 2024 list: the 2015 QPV it replaces (file order). Empty for the 2015 list. */
  readonly predecessors: readonly string[];
  /** 2015 list: the 2024 QPV naming it as predecessor (sorted). Empty for the 2024 list. */
  readonly successors: readonly string[];
  /** SYNTHETIC estimate of its inhabitants (= sum of `pieces`). */
  readonly population: number;
  /** Its inhabitants in each of its communes (SYNTHETIC), in the order of `communes`. */
  readonly pieces: readonly QpvPiece[];
  /** True lon/lat: interior point of the official contour, or its main commune's point. */
  readonly point: Position;
  readonly positionSource: PositionSource;
  /** Official contour (true lon/lat) when GEODATA_DIR has one, else empty: no shape is invented. */
  readonly polygons: MultiPolygonCoords;
  /** Area of the official contour, null without one. */
  readonly areaKm2: number | null;
  /** Site of the first of its communes that belongs to one. */
  readonly site: SiteId | null;
}

export interface SiteModel {
  readonly id: SiteId;
  readonly name: string;
  readonly departement: string;
  readonly region: string;
  /** Member communes in the run, sorted. */
  readonly communes: readonly string[];
  /** QPV of each list with a piece in the site's communes, sorted. */
  readonly qpv2015: readonly string[];
  readonly qpv2024: readonly string[];
}

export interface TerritoryModel {
  /** The COG of the run (restricted to `--departements` when given). */
  readonly cog: Cog;
  /** Communes of the run, sorted by code. */
  readonly communes: readonly CommuneModel[];
  readonly communeByCode: ReadonlyMap<string, CommuneModel>;
  /** QPV of both lists whose département is in the run, sorted by code (QN… then QP…). */
  readonly qpv: readonly QpvModel[];
  readonly qpvByCode: ReadonlyMap<string, QpvModel>;
  /** Experimental sites with at least one commune in the run. */
  readonly sites: readonly SiteModel[];
  /** Whether QPV shapes come from an official contour file in GEODATA_DIR. */
  readonly qpvPolygons: 'none' | 'official';
  /** French notes for the manifest (what was dropped, inferred or estimated). */
  readonly notes: readonly string[];
  /** The reference files read, for provenance. */
  readonly references: readonly ReferenceManifest[];
  /** Communes of the run without a contour (restored since 2018). */
  readonly communesWithoutGeometry: readonly string[];
  /** 2018 contour codes that map to no current commune. */
  readonly unmatchedGeometry: readonly string[];
}

/** Vintage strings of `territories.vintage`. */
export const VINTAGES = {
  area: COG_VINTAGE,
  epci: `${COG_VINTAGE} (EPCI au 1er janvier)`,
  commune: `${COG_VINTAGE} ; ${GEO_VINTAGE} ; grille de densité Insee (COG 2025) ; FRR au 10 juillet 2025 ; ZRR 2017 (COG 2021)`,
  qpv2024:
    'liste QPV 2024 (ANCT, correspondance 2024–2015 ; communes : superposeur ANCT, COG 2025) ; population synthétique',
  qpv2015:
    'liste QPV 2015 déduite des prédécesseurs nommés dans la correspondance ANCT 2024–2015 ; population synthétique',
  site: `convention CGET–Défenseur des droits 2015 ; ${COG_VINTAGE}`,
} as const;

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

function interiorPoint(polygons: MultiPolygonCoords): Position | null {
  if (!polygons.length) return null;
  const ctr = centroid(polygons);
  return containsPoint(polygons, ctr) ? ctr : innerPoint(polygons, 8);
}

export function buildModel(opts: BuildOptions): TerritoryModel {
  const geodata = geodataDir();
  const resolver = communeResolver();
  const cog = opts.departements === null ? resolver.cog : loadCog(opts.departements);
  const inRun = (dep: string): boolean =>
    opts.departements === null || opts.departements.includes(dep);
  const notes: string[] = [];
  const references: ReferenceManifest[] = [...REFERENCES];

  const list2024 = readQpv2024(geodata, resolver);
  const list2015 = inferQpv2015(list2024.rows);
  const density = readDensity(geodata, resolver);
  const frr = readFrr(geodata, resolver);
  const zrr = readZrr(geodata, resolver);
  notes.push(...list2024.notes, ...list2015.notes, ...density.notes, ...frr.notes, ...zrr.notes);

  const { pieces: contours, unmatched } = readCommunePieces(geodata, cog, opts.departements);
  const siteOf = siteMembership(cog);
  const communes: CommuneModel[] = cog.communes.map((c) => {
    const polygons = contours.get(c.code) ?? [];
    const densityLevel = density.levels.get(c.code) ?? null;
    return {
      code: c.code,
      name: c.name,
      departement: c.departement,
      region: c.region,
      epci: cog.epciOf.get(c.code) ?? null,
      population: c.population,
      postcodes: c.postcodes,
      areaKm2: polygons.length ? areaKm2(polygons) : null,
      densityLevel,
      rurality: densityLevel ? RURALITY_OF_DENSITY[densityLevel] : null,
      frr: frr.classes.get(c.code) ?? null,
      zrr: zrr.classes.get(c.code) ?? null,
      point: interiorPoint(polygons),
      site: siteOf.get(c.code) ?? null,
      polygons,
    };
  });
  const communeByCode = new Map(communes.map((c) => [c.code, c]));

  // Synthetic populations, always over the whole country.
  const departementPopulation = new Map<string, number>();
  for (const c of resolver.cog.communes)
    departementPopulation.set(
      c.departement,
      (departementPopulation.get(c.departement) ?? 0) + c.population,
    );
  const pieces = estimateQpvPopulations({
    list2024: list2024.rows,
    list2015: list2015.rows,
    population: (c) => resolver.commune(c)?.population ?? 0,
    departementPopulation: (d) => departementPopulation.get(d) ?? 0,
    seed: opts.seed,
  });

  const official = findOfficialQpvFile(geodata);
  const known = new Set([...list2024.rows, ...list2015.rows].map((q) => q.code));
  const shapes = official ? readOfficialQpv(official, known) : null;
  if (official && shapes) {
    notes.push(
      `Contours officiels des QPV lus dans ${official} : ${fr(shapes.polygons.size)} quartiers des listes de référence${shapes.unknown.length ? ` ; ${fr(shapes.unknown.length)} ${shapes.unknown.length > 1 ? 'codes hors des listes ignorés' : 'code hors des listes ignoré'}` : ''}.`,
    );
    references.push({
      id: 'qpvContours',
      title: 'Contours officiels des QPV',
      path: official.slice(geodata.length + 1),
      publisher: 'ANCT',
      licence: 'Licence Ouverte 2.0',
      vintage: 'fichier fourni dans GEODATA_DIR',
      origin: 'data.gouv.fr, « Quartiers prioritaires de la politique de la ville (QPV) »',
      caveats: ['Seuls les contours sont lus ; noms, communes et listes viennent des références.'],
    });
  }

  const qpv: QpvModel[] = [];
  const make = (
    row: { code: string; name: string; departement: string },
    list: QpvList,
    extra: Pick<QpvModel, 'status' | 'predecessors' | 'successors'>,
  ): void => {
    if (!inRun(row.departement)) return;
    const own = pieces.get(row.code) ?? [];
    const main = own[0]?.commune;
    const mainCommune = main ? resolver.commune(main) : undefined;
    if (!main || !mainCommune) return;
    const polygons = shapes?.polygons.get(row.code) ?? [];
    const commune = communeByCode.get(main);
    const point =
      interiorPoint(polygons) ?? commune?.point ?? list2024.communePoints.get(main) ?? null;
    if (!point) return;
    const validity = qpvValidity(list, mainCommune.departement);
    qpv.push({
      code: row.code,
      name: row.name,
      list,
      departement: mainCommune.departement,
      region: mainCommune.region,
      epci: resolver.cog.epciOf.get(main) ?? null,
      communes: own.map((p) => p.commune),
      validFrom: validity.from,
      validTo: validity.to,
      ...extra,
      population: own.reduce((s, p) => s + p.population, 0),
      pieces: own,
      point,
      positionSource: polygons.length ? 'contour' : 'commune',
      polygons,
      areaKm2: polygons.length ? areaKm2(polygons) : null,
      site: own.map((p) => siteOf.get(p.commune)).find((s) => s !== undefined) ?? null,
    });
  };
  for (const q of list2024.rows)
    make(q, '2024', {
      status: q.status,
      predecessors: q.predecessors.map((p) => p.code),
      successors: [],
    });
  for (const q of list2015.rows)
    make(q, '2015', { status: null, predecessors: [], successors: q.successors });
  qpv.sort((a, b) => (a.code < b.code ? -1 : 1));
  notes.push(
    'Populations des QPV : estimations synthétiques (aucune population par quartier dans les données de référence), calées sur les totaux publiés par l’Insee (5,3 millions d’habitants dans les 1 362 QPV métropolitains de 2024 ; 5,4 millions dans ceux de 2015, métropole et DROM, au prorata des quartiers connus).',
  );

  const sites: SiteModel[] = [];
  for (const def of SITE_DEFINITIONS) {
    const members = communes.filter((c) => c.site === def.id);
    if (!members.length) continue;
    const set = new Set(members.map((c) => c.code));
    const qpvOf = (list: QpvList): string[] =>
      qpv
        .filter((q) => q.list === list && q.pieces.some((p) => set.has(p.commune)))
        .map((q) => q.code);
    const largest = [...members].sort((a, b) => b.population - a.population)[0] as CommuneModel;
    sites.push({
      id: def.id,
      name: def.name,
      departement: largest.departement,
      region: largest.region,
      communes: members.map((c) => c.code),
      qpv2015: qpvOf('2015'),
      qpv2024: qpvOf('2024'),
    });
  }

  return {
    cog,
    communes,
    communeByCode,
    qpv,
    qpvByCode: new Map(qpv.map((q) => [q.code, q])),
    sites,
    qpvPolygons: shapes && shapes.polygons.size ? 'official' : 'none',
    notes,
    references,
    communesWithoutGeometry: communes.filter((c) => !c.polygons.length).map((c) => c.code),
    unmatchedGeometry: unmatched,
  };
}
