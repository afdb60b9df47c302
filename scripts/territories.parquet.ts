/**
 * territories.parquet — France, régions, départements, EPCI, communes (COG, populations
 * municipales, Insee density grid, FRR, ZRR), the QPV of the 2015 and 2024 lists (real codes,
 * names, communes, validity and links; SYNTHETIC populations) and the four experimental sites.
 * Every column of `TERRITORIES`, written through the contract.
 */
import path from 'node:path';
import { SITE_DEFINITIONS, TABLES, type TableManifest } from '../src/catalogue';
import type { BuildContext } from './lib/context';
import { createContractTable, writeParquet, type Cell } from './lib/duck';
import { dromOf } from './lib/display';
import { round, type Position } from './lib/geometry';
import { VINTAGES, type CommuneModel, type TerritoryModel } from './lib/model';

/** One row, by column name; columns left out are NULL. */
type Row = Partial<Record<string, Cell>>;

interface Acc {
  population: number;
  area: number;
  wx: number;
  wy: number;
  w: number;
  members: CommuneModel[];
  deps: Map<string, number>;
  regs: Map<string, number>;
  epcis: Set<string | null>;
}

function accumulate(map: Map<string, Acc>, key: string, c: CommuneModel, centre = true): void {
  const a: Acc = map.get(key) ?? {
    population: 0,
    area: 0,
    wx: 0,
    wy: 0,
    w: 0,
    members: [],
    deps: new Map(),
    regs: new Map(),
    epcis: new Set(),
  };
  a.population += c.population;
  a.area += c.areaKm2 ?? 0;
  if (centre && c.point && c.areaKm2) {
    a.wx += c.point[0] * c.areaKm2;
    a.wy += c.point[1] * c.areaKm2;
    a.w += c.areaKm2;
    a.members.push(c);
  }
  a.deps.set(c.departement, (a.deps.get(c.departement) ?? 0) + c.population + 1);
  a.regs.set(c.region, (a.regs.get(c.region) ?? 0) + c.population + 1);
  a.epcis.add(c.epci);
  map.set(key, a);
}

/** The key holding most of the population (ties: smallest code). */
const major = (m: Map<string, number>): string | null =>
  [...m.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0] ?? null;

/**
 * The point of an area: the point of its member commune nearest to the area-weighted mean of its
 * communes' points, so that it lies inside the area (a mean alone can fall outside a crescent).
 */
function areaPoint(a: Acc): Position | null {
  if (!(a.w > 0)) return null;
  const mean: Position = [a.wx / a.w, a.wy / a.w];
  let best: Position | null = null;
  let bestD = Infinity;
  for (const c of a.members) {
    if (!c.point) continue;
    const d = (c.point[0] - mean[0]) ** 2 + (c.point[1] - mean[1]) ** 2;
    if (d < bestD) {
      bestD = d;
      best = c.point;
    }
  }
  return best;
}

function areaRow(a: Acc | undefined): Row {
  const p = a ? areaPoint(a) : null;
  return {
    population: a?.population ?? 0,
    area_km2: a && a.area > 0 ? round(a.area, 3) : null,
    lon: p ? round(p[0], 5) : null,
    lat: p ? round(p[1], 5) : null,
    position: p ? 'contour' : null,
  };
}

const joined = (codes: readonly string[]): string | null => (codes.length ? codes.join(';') : null);

/** Every row of `territories`, by column name (no object spread in the loops: it is slow here). */
export function territoryRecords(model: TerritoryModel): Row[] {
  const byEpci = new Map<string, Acc>();
  const byDep = new Map<string, Acc>();
  const byReg = new Map<string, Acc>();
  const bySite = new Map<string, Acc>();
  const all = new Map<string, Acc>();
  for (const c of model.communes) {
    if (c.epci) accumulate(byEpci, c.epci, c);
    accumulate(byDep, c.departement, c);
    accumulate(byReg, c.region, c);
    if (c.site) accumulate(bySite, c.site, c);
    // France's point is metropolitan France's: the DROM would pull it into the Atlantic.
    accumulate(all, 'FR', c, dromOf(c.departement) === null);
  }
  const siteOfEpci = new Map(SITE_DEFINITIONS.filter((s) => s.epci).map((s) => [s.epci, s.id]));
  const rows: Row[] = [
    {
      population_synthetic: false,
      level: 'france',
      code: 'FR',
      name: 'France',
      ...areaRow(all.get('FR')),
      vintage: VINTAGES.area,
    },
  ];
  for (const r of model.cog.regions)
    rows.push({
      population_synthetic: false,
      level: 'region',
      code: r.code,
      name: r.name,
      region_code: r.code,
      ...areaRow(byReg.get(r.code)),
      vintage: VINTAGES.area,
    });
  for (const d of model.cog.departements)
    rows.push({
      population_synthetic: false,
      level: 'departement',
      code: d.code,
      name: d.name,
      region_code: d.region,
      departement_code: d.code,
      ...areaRow(byDep.get(d.code)),
      vintage: VINTAGES.area,
    });
  for (const e of model.cog.epci) {
    const acc = byEpci.get(e.code);
    rows.push({
      population_synthetic: false,
      level: 'epci',
      code: e.code,
      name: e.name,
      region_code: acc ? major(acc.regs) : null,
      departement_code: acc ? major(acc.deps) : null,
      epci_code: e.code,
      ...areaRow(acc),
      site: siteOfEpci.get(e.code) ?? null,
      vintage: VINTAGES.epci,
    });
  }
  for (const c of model.communes)
    rows.push({
      population_synthetic: false,
      level: 'commune',
      code: c.code,
      name: c.name,
      region_code: c.region,
      departement_code: c.departement,
      epci_code: c.epci,
      commune_code: c.code,
      postcodes: joined(c.postcodes),
      population: c.population,
      area_km2: c.areaKm2 !== null ? round(c.areaKm2, 3) : null,
      density_level: c.densityLevel,
      rurality: c.rurality,
      rurality_source: c.rurality ? 'grille_insee' : null,
      frr: c.frr,
      zrr: c.zrr,
      lon: c.point ? round(c.point[0], 5) : null,
      lat: c.point ? round(c.point[1], 5) : null,
      position: c.point ? 'contour' : null,
      site: c.site,
      vintage: VINTAGES.commune,
    });
  for (const q of model.qpv)
    rows.push({
      level: 'qpv',
      code: q.code,
      name: q.name,
      region_code: q.region,
      departement_code: q.departement,
      epci_code: q.epci,
      commune_code: q.communes[0] ?? null,
      communes: joined(q.communes),
      population: q.population,
      population_synthetic: true,
      area_km2: q.areaKm2 !== null ? round(q.areaKm2, 3) : null,
      lon: round(q.point[0], 5),
      lat: round(q.point[1], 5),
      position: q.positionSource,
      site: q.site,
      qpv_list: q.list,
      valid_from: q.validFrom,
      valid_to: q.validTo,
      qpv_status: q.status,
      predecessors: joined(q.predecessors),
      successors: joined(q.successors),
      vintage: q.list === '2024' ? VINTAGES.qpv2024 : VINTAGES.qpv2015,
    });
  for (const s of model.sites) {
    const acc = bySite.get(s.id);
    const epcis = [...(acc?.epcis ?? [])];
    rows.push({
      population_synthetic: false,
      level: 'site',
      code: s.id,
      name: s.name,
      region_code: s.region,
      departement_code: s.departement,
      epci_code: epcis.length === 1 ? (epcis[0] ?? null) : null,
      ...areaRow(acc),
      site: s.id,
      vintage: VINTAGES.site,
    });
  }
  return rows;
}

/** The rows in the column order of the contract. */
export function territoryRows(model: TerritoryModel): Cell[][] {
  const columns = TABLES.territories.columns.map((c) => c.name);
  return territoryRecords(model).map((r) => columns.map((c) => r[c] ?? null));
}

export async function buildTerritories(ctx: BuildContext): Promise<TableManifest> {
  const spec = TABLES.territories;
  await createContractTable(ctx.conn, spec, territoryRows(ctx.model));
  const file = path.join(ctx.opts.outDir, 'territories.parquet');
  const { rows, bytes } = await writeParquet(ctx.conn, spec, file);
  const contours =
    ctx.model.qpvPolygons === 'official'
      ? 'positions et contours officiels de l’ANCT fournis dans GEODATA_DIR quand ils existent, sinon le point de la commune principale'
      : 'placés au point de leur commune principale (aucun contour officiel des QPV disponible ; aucune forme inventée)';
  return {
    name: 'territories',
    file: 'territories.parquet',
    rows,
    bytes,
    synthetic: false,
    provenance:
      `Régions, départements, EPCI et communes : Code officiel géographique 2026 (Insee) et populations municipales via @etalab/decoupage-administratif ; superficies et points calculés sur les contours IGN Admin Express COG 2018 (france-geojson, Licence Ouverte), regroupés en communes actuelles ; grille communale de densité de l’Insee à 7 niveaux (export ANCT, COG 2025) ; classement France Ruralités Revitalisation au 10 juillet 2025 (DGCL/ANCT) ; classement ZRR 2017–2024 (ANCT, COG 2021, ramené aux communes actuelles). ` +
      `Codes postaux des communes : ceux du COG de @etalab/decoupage-administratif (La Poste). QPV : liste 2024 de l’ANCT (codes, noms, statuts, prédécesseurs ; communes d’après le superposeur de l’ANCT, COG 2025) et liste 2015 déduite des prédécesseurs qu’elle nomme (les QPV 2015 sortis en 2024 manquent) ; ${contours}. ` +
      `Les populations des QPV sont des ESTIMATIONS SYNTHÉTIQUES (population_synthetic = vrai) : la population par quartier n’est pas dans les références ; elle est tirée avec une graine, QPV par QPV, et calée sur les totaux publiés par l’Insee (5,3 millions d’habitants dans les 1 362 QPV métropolitains de la liste 2024, dont Seine-Saint-Denis 697 700, Rhône 186 400, Nord 365 000 ; 5,4 millions dans les 1 436 QPV de 2015 en métropole et dans les DROM, au prorata des quartiers connus ; La Réunion ≈ 161 000, Guyane ≈ 47,5 %, Martinique ≈ 6,5 %, Guadeloupe 12 % (estimation) de la population ; à Mayotte, QPV 2024 = communes entières), au plus 70 % des habitants d’une commune dans ses QPV ; un QPV 2015 inchangé en 2024 a la population de son successeur, les autres une part tirée de celle de leurs successeurs. ` +
      `Sites expérimentaux : communes membres (convention CGET–Défenseur des droits 2015).`,
  };
}
