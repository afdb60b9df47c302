/**
 * territories.parquet — France, régions, départements, EPCI, communes (2026 COG, populations
 * municipales) and QPV, with parents, population, area, density class, centroid and site.
 */
import path from 'node:path';
import { SITE_DEFINITIONS, TABLES, type TableManifest } from '../src/catalogue';
import { COG_VINTAGE } from './lib/cog';
import type { BuildContext } from './lib/context';
import { createContractTable, writeParquet, type Cell } from './lib/duck';
import { dromOf } from './lib/display';
import { round } from './lib/geometry';
import { COMMUNE_VINTAGE, type CommuneModel } from './lib/model';

interface Acc {
  population: number;
  area: number;
  wx: number;
  wy: number;
  w: number;
  deps: Map<string, number>;
  regs: Map<string, number>;
}

function accumulate(map: Map<string, Acc>, key: string, c: CommuneModel, centre = true): void {
  const a = map.get(key) ?? {
    population: 0,
    area: 0,
    wx: 0,
    wy: 0,
    w: 0,
    deps: new Map(),
    regs: new Map(),
  };
  a.population += c.population;
  a.area += c.areaKm2 ?? 0;
  if (centre && c.point && c.areaKm2) {
    a.wx += c.point[0] * c.areaKm2;
    a.wy += c.point[1] * c.areaKm2;
    a.w += c.areaKm2;
  }
  a.deps.set(c.departement, (a.deps.get(c.departement) ?? 0) + c.population + 1);
  a.regs.set(c.region, (a.regs.get(c.region) ?? 0) + c.population + 1);
  map.set(key, a);
}

const major = (m: Map<string, number>): string | null =>
  [...m.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0] ?? null;

export function territoryRows(ctx: BuildContext): Cell[][] {
  const { model } = ctx;
  const byEpci = new Map<string, Acc>();
  const byDep = new Map<string, Acc>();
  const byReg = new Map<string, Acc>();
  const all = new Map<string, Acc>();
  for (const c of model.communes) {
    if (c.epci) accumulate(byEpci, c.epci, c);
    accumulate(byDep, c.departement, c);
    accumulate(byReg, c.region, c);
    // France's centre is metropolitan France's: the DROM would pull it into the Atlantic.
    accumulate(all, 'FR', c, dromOf(c.departement) === null);
  }
  const num = (a: Acc | undefined): [number, number | null, number | null, number | null] => [
    a?.population ?? 0,
    a && a.area > 0 ? round(a.area, 3) : null,
    a && a.w > 0 ? round(a.wx / a.w, 5) : null,
    a && a.w > 0 ? round(a.wy / a.w, 5) : null,
  ];
  const siteOfEpci = new Map(SITE_DEFINITIONS.filter((s) => s.epci).map((s) => [s.epci, s.id]));
  const rows: Cell[][] = [];
  // Column order = TABLES.territories.columns.
  const [pFr, aFr, xFr, yFr] = num(all.get('FR'));
  rows.push([
    'france',
    'FR',
    'France',
    null,
    null,
    null,
    null,
    pFr,
    aFr,
    null,
    null,
    xFr,
    yFr,
    null,
    false,
    COG_VINTAGE,
  ]);
  for (const r of model.cog.regions) {
    const [p, a, x, y] = num(byReg.get(r.code));
    rows.push([
      'region',
      r.code,
      r.name,
      r.code,
      null,
      null,
      null,
      p,
      a,
      null,
      null,
      x,
      y,
      null,
      false,
      COG_VINTAGE,
    ]);
  }
  for (const d of model.cog.departements) {
    const [p, a, x, y] = num(byDep.get(d.code));
    rows.push([
      'departement',
      d.code,
      d.name,
      d.region,
      d.code,
      null,
      null,
      p,
      a,
      null,
      null,
      x,
      y,
      null,
      false,
      COG_VINTAGE,
    ]);
  }
  for (const e of model.cog.epci) {
    const acc = byEpci.get(e.code);
    const [p, a, x, y] = num(acc);
    const dep = acc ? major(acc.deps) : null;
    const reg = acc ? major(acc.regs) : null;
    rows.push([
      'epci',
      e.code,
      e.name,
      reg,
      dep,
      e.code,
      null,
      p,
      a,
      null,
      null,
      x,
      y,
      siteOfEpci.get(e.code) ?? null,
      false,
      `${COG_VINTAGE} (EPCI au 1er janvier)`,
    ]);
  }
  for (const c of model.communes) {
    rows.push([
      'commune',
      c.code,
      c.name,
      c.region,
      c.departement,
      c.epci,
      c.code,
      c.population,
      c.areaKm2 !== null ? round(c.areaKm2, 3) : null,
      c.rurality,
      c.rurality ? 'derivee_densite' : null,
      c.point ? round(c.point[0], 5) : null,
      c.point ? round(c.point[1], 5) : null,
      c.site,
      false,
      COMMUNE_VINTAGE,
    ]);
  }
  for (const q of model.qpv) {
    const c = model.communeByCode.get(q.commune);
    rows.push([
      'qpv',
      q.code,
      q.name,
      c?.region ?? null,
      c?.departement ?? null,
      c?.epci ?? null,
      q.commune,
      q.population,
      round(q.areaKm2, 3),
      c?.rurality ?? null,
      c?.rurality ? 'derivee_densite' : null,
      round(q.point[0], 5),
      round(q.point[1], 5),
      c?.site ?? null,
      q.synthetic,
      model.qpvVintage,
    ]);
  }
  return rows;
}

export async function buildTerritories(ctx: BuildContext): Promise<TableManifest> {
  const spec = TABLES.territories;
  await createContractTable(ctx.conn, spec, territoryRows(ctx));
  const file = path.join(ctx.opts.outDir, 'territories.parquet');
  const { rows, bytes } = await writeParquet(ctx.conn, spec, file);
  const m = ctx.model;
  return {
    name: 'territories',
    file: 'territories.parquet',
    rows,
    bytes,
    synthetic: m.qpvSynthetic,
    provenance:
      `Régions, départements, EPCI et communes : Code officiel géographique 2026 (Insee) et populations municipales via @etalab/decoupage-administratif ; superficies et centroïdes calculés sur les contours IGN Admin Express COG 2018 (france-geojson, Licence Ouverte), regroupés en communes actuelles ; classe de densité dérivée de la population et de la superficie (approximation de la grille communale de densité de l’Insee, rurality_source = « derivee_densite »). ` +
      (m.qpvSynthetic
        ? `QPV : ${m.qpv.length} quartiers de démonstration (codes QPDEMO…), fictifs, placés dans des communes denses ou intermédiaires d’au moins 5 000 habitants.`
        : `QPV : liste et contours officiels (ANCT) fournis dans GEODATA_DIR.`),
  };
}
