/**
 * Writes data/fixtures/: the tiny hand-made data set the unit and browser tests run on, in the
 * published format (same file names as the real data set, geometry per level, manifest.json).
 *
 * The world is written by hand: a few real communes (codes and names real, populations rounded,
 * classes chosen to cover every case), a fictional EPCI whose name carries `;` and `--` for the
 * escaping tests, a few real QPV of both lists (codes, names, status and links as in the ANCT
 * correspondence; populations invented), squares as shapes. The claims and non-recours at the
 * finest grain follow fixed arithmetic rules; they then go through the real publication step
 * (scripts/lib/publication: cells, primary and secondary suppression, exact audit), so the
 * fixtures are a publication like any other. A second run gives byte-identical files (checked in
 * CI with `git diff --exit-code data/fixtures`). Nothing here is read from the reference files.
 *
 * Run: npx tsx scripts/fixtures.parquet.ts [--out DIR]
 */
import { DuckDBInstance } from '@duckdb/node-api';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  BENEFITS,
  CASES_GRAIN,
  MAP_LEVELS,
  NON_RECOURS_GRAIN,
  RURALITY_OF_DENSITY,
  SCHEMA_VERSION,
  TABLES,
  TABLE_NAMES,
  columnsDdl,
  qpvValidity,
  type Benefit,
  type Channel,
  type Criterion,
  type DensityLevel,
  type Domain,
  type FrrClass,
  type MapLevel,
  type PublishedTableName,
  type QpvStatus,
  type SiteId,
  type ZrrClass,
} from '../src/catalogue';
import type {
  DatasetManifest,
  GeometryManifest,
  PublicationReport,
  TableManifest,
} from '../src/catalogue/dataset';
import { sqlNumber, sqlString } from '../src/query/sql';
import { qpvPointFeatures } from './geo';
import { indicatorRows } from './indicators.parquet';
import type { Cog } from './lib/cog';
import { places } from './lib/context';
import { createContractTable, writeParquet, type Cell } from './lib/duck';
import type { CommuneModel, QpvModel, TerritoryModel } from './lib/model';
import { publishTable } from './lib/publication/publish';
import { populationCells } from './populations.parquet';
import { prebake } from './prebake';
import { territoryRows } from './territories.parquet';

const outFlag = process.argv.indexOf('--out');
/** Output directory: data/fixtures, or `--out DIR` (the determinism test writes to a temp dir). */
const OUT =
  outFlag > 0 && process.argv[outFlag + 1]
    ? path.resolve(process.argv[outFlag + 1] ?? '')
    : path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../data/fixtures');

type Box = readonly [west: number, south: number, east: number, north: number];

function round(x: number, digits = 6): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

const sq = (west: number, south: number, size = 0.1): Box => [
  round(west),
  round(south),
  round(west + size),
  round(south + size),
];

// --- The world -----------------------------------------------------------------------------------

const REGIONS = [
  { code: '11', name: 'Île-de-France' },
  { code: '32', name: 'Hauts-de-France' },
  { code: '01', name: 'Guadeloupe' },
] as const;

const DEPARTEMENTS = [
  { code: '93', name: 'Seine-Saint-Denis', region: '11' },
  { code: '94', name: 'Val-de-Marne', region: '11' },
  { code: '62', name: 'Pas-de-Calais', region: '32' },
  { code: '971', name: 'Guadeloupe', region: '01' },
] as const;

/** The EPCI "CA Test; --Nord" is fictional: its name carries `;` and `--` for escaping tests. */
const EPCIS = [
  { code: '200054781', name: 'Métropole du Grand Paris' },
  { code: '246200364', name: 'CA de Lens-Liévin' },
  { code: '200099999', name: 'CA Test; --Nord' },
  { code: '200018653', name: 'CA Cap Excellence' },
] as const;

interface Commune {
  readonly code: string;
  readonly name: string;
  readonly departement: string;
  readonly epci: string;
  readonly population: number;
  /** Real postcodes of the commune (as the COG package carries them). */
  readonly postcodes: readonly string[];
  readonly area: number;
  readonly density: DensityLevel;
  readonly frr: FrrClass;
  readonly zrr: ZrrClass;
  readonly site: SiteId | null;
  /** Display square on the map (DROM moved into an inset); the point is its centre. */
  readonly box: Box;
  /** Yearly claims per 100,000 inhabitants of the arithmetic rule. */
  readonly caseRate: number;
}

// prettier-ignore
const COMMUNES: readonly Commune[] = [
  // Seine-Saint-Denis: the Plaine Commune site, deliberately far above the national rate.
  { code: '93066', name: 'Saint-Denis', departement: '93', epci: '200054781', postcodes: ['93200', '93210', '93380'], population: 113_000, area: 12.4, density: 'grands_centres_urbains', frr: 'non_classee', zrr: 'non_classee', site: 'plaine_commune', box: sq(2.2, 48.9), caseRate: 60 },
  { code: '93001', name: 'Aubervilliers', departement: '93', epci: '200054781', postcodes: ['93300'], population: 88_000, area: 5.8, density: 'grands_centres_urbains', frr: 'non_classee', zrr: 'non_classee', site: 'plaine_commune', box: sq(2.3, 48.9), caseRate: 60 },
  { code: '93048', name: 'Montreuil', departement: '93', epci: '200054781', postcodes: ['93100'], population: 111_000, area: 8.9, density: 'grands_centres_urbains', frr: 'non_classee', zrr: 'non_classee', site: null, box: sq(2.4, 48.9), caseRate: 9 },
  // Val-de-Marne (the site tags of Vitry and Maisons-Alfort are fixture-only, so every site exists).
  { code: '94038', name: "L'Haÿ-les-Roses", departement: '94', epci: '200054781', postcodes: ['94240'], population: 31_000, area: 3.9, density: 'grands_centres_urbains', frr: 'non_classee', zrr: 'non_classee', site: null, box: sq(2.2, 48.8), caseRate: 8 },
  { code: '94081', name: 'Vitry-sur-Seine', departement: '94', epci: '200054781', postcodes: ['94400'], population: 95_000, area: 11.7, density: 'grands_centres_urbains', frr: 'non_classee', zrr: 'non_classee', site: 'vaulx_en_velin', box: sq(2.3, 48.8), caseRate: 9 },
  { code: '94046', name: 'Maisons-Alfort', departement: '94', epci: '200054781', postcodes: ['94700'], population: 56_000, area: 5.4, density: 'grands_centres_urbains', frr: 'non_classee', zrr: 'non_classee', site: 'ouest_provence', box: sq(2.4, 48.8), caseRate: 8 },
  // Pas-de-Calais: the Lens-Liévin site and two rural communes of the fictional EPCI.
  { code: '62498', name: 'Lens', departement: '62', epci: '246200364', postcodes: ['62300'], population: 31_000, area: 11.7, density: 'centres_urbains_intermediaires', frr: 'non_classee', zrr: 'non_classee', site: 'lens_lievin', box: sq(2.7, 50.4), caseRate: 12 },
  { code: '62510', name: 'Liévin', departement: '62', epci: '246200364', postcodes: ['62800'], population: 30_000, area: 12.8, density: 'ceintures_urbaines', frr: 'non_classee', zrr: 'non_classee', site: 'lens_lievin', box: sq(2.6, 50.4), caseRate: 10 },
  { code: '62001', name: 'Ablain-Saint-Nazaire', departement: '62', epci: '200099999', postcodes: ['62153'], population: 1_900, area: 6.3, density: 'bourgs_ruraux', frr: 'frr_socle', zrr: 'classee', site: null, box: sq(2.6, 50.3), caseRate: 20 },
  { code: '62003', name: 'Acheville', departement: '62', epci: '200099999', postcodes: ['62320'], population: 600, area: 3.2, density: 'rural_tres_disperse', frr: 'frr_plus', zrr: 'partielle', site: null, box: sq(2.7, 50.3), caseRate: 0 },
  // Guadeloupe, drawn in an inset off Brittany (display coordinates).
  { code: '97101', name: 'Les Abymes', departement: '971', epci: '200018653', postcodes: ['97139', '97142'], population: 53_000, area: 81.6, density: 'centres_urbains_intermediaires', frr: 'beneficiaire', zrr: 'non_classee', site: null, box: sq(-4.9, 46.6, 0.2), caseRate: 10 },
];

interface Qpv {
  readonly code: string;
  readonly name: string;
  readonly communes: readonly string[];
  readonly population: number;
  readonly status: QpvStatus | null;
  readonly predecessors: readonly string[];
  /** Share of its communes' claims that come from its residents (arithmetic rule). */
  readonly caseShare: number;
  /** Drawn with a square contour (tests the official-contour path), else at its commune. */
  readonly contour?: true;
}

/** Real QPV of the fixture communes (ANCT codes and names; populations invented). */
// prettier-ignore
const QPV: readonly Qpv[] = [
  { code: 'QN09337M', name: 'Plaine - Landy - Bailly', communes: ['93066'], population: 8_000, status: 'modifie', predecessors: ['QP093037'], caseShare: 0.15 },
  { code: 'QN09340I', name: 'Plaine Trezel - Chaudron', communes: ['93066'], population: 6_000, status: 'inchange', predecessors: ['QP093041'], caseShare: 0.1 },
  { code: 'QN09365N', name: 'Calon', communes: ['93066'], population: 2_500, status: 'nouveau', predecessors: [], caseShare: 0.05 },
  { code: 'QN09328M', name: 'Franc Moisin - Cosmonautes - Cristino Garcia - Landy', communes: ['93001', '93066'], population: 14_000, status: 'modifie', predecessors: ['QP093028'], caseShare: 0.2 },
  { code: 'QN09415I', name: 'Jardins Parisiens', communes: ['94038'], population: 3_000, status: 'inchange', predecessors: ['QP094017'], caseShare: 0.4, contour: true },
  { code: 'QN06226M', name: 'Cité 2', communes: ['62498'], population: 4_000, status: 'modifie', predecessors: ['QP062026'], caseShare: 0.35 },
  { code: 'QN97103M', name: 'Grand Camp', communes: ['97101'], population: 5_000, status: 'modifie', predecessors: ['QP971003'], caseShare: 0.2 },
  { code: 'QP093037', name: 'Plaine Landy Bailly', communes: ['93066'], population: 7_500, status: null, predecessors: [], caseShare: 0.15 },
  { code: 'QP093041', name: 'Plaine Trezel Chaudron', communes: ['93066'], population: 6_000, status: null, predecessors: [], caseShare: 0.1 },
  { code: 'QP093028', name: 'Franc Moisin Cosmonautes Cristino Garcia Landy', communes: ['93001', '93066'], population: 13_000, status: null, predecessors: [], caseShare: 0.2 },
  { code: 'QP094017', name: 'Jardins Parisiens', communes: ['94038'], population: 3_000, status: null, predecessors: [], caseShare: 0.4 },
  { code: 'QP062026', name: 'Cité 2', communes: ['62498'], population: 3_800, status: null, predecessors: [], caseShare: 0.35 },
  { code: 'QP971003', name: 'Grand Camp', communes: ['97101'], population: 5_200, status: null, predecessors: [], caseShare: 0.2 },
];

const centre = (b: Box): [number, number] => [round((b[0] + b[2]) / 2), round((b[1] + b[3]) / 2)];
const ring = (b: Box): [number, number][] => [
  [b[0], b[1]],
  [b[2], b[1]],
  [b[2], b[3]],
  [b[0], b[3]],
  [b[0], b[1]],
];
const communeOf = (code: string): Commune => {
  const c = COMMUNES.find((x) => x.code === code);
  if (!c) throw new Error(`commune inconnue ${code}`);
  return c;
};
const regionOf = (dep: string): string => DEPARTEMENTS.find((d) => d.code === dep)?.region ?? '';

/**
 * The fixture world as the pipeline's territory model, so the real loaders write it. Points and
 * squares are display coordinates already (Guadeloupe sits in its inset): `toDisplay` leaves
 * metropolitan positions as they are, and the Guadeloupe square is placed where the inset draws.
 */
function fixtureModel(): TerritoryModel {
  const communes: CommuneModel[] = COMMUNES.map((c) => ({
    code: c.code,
    name: c.name,
    departement: c.departement,
    region: regionOf(c.departement),
    epci: c.epci,
    population: c.population,
    postcodes: c.postcodes,
    areaKm2: c.area,
    densityLevel: c.density,
    rurality: RURALITY_OF_DENSITY[c.density],
    frr: c.frr,
    zrr: c.zrr,
    point: c.departement === '971' ? [-61.5, 16.27] : centre(c.box),
    site: c.site,
    polygons: [[ring(c.box)]],
  }));
  const successorsOf = (code: string): string[] =>
    QPV.filter((q) => q.predecessors.includes(code)).map((q) => q.code);
  const qpv: QpvModel[] = QPV.map((q) => {
    const main = communeOf(q.communes[0] ?? '');
    const list: '2015' | '2024' = q.code.startsWith('QN') ? '2024' : '2015';
    const validity = qpvValidity(list, main.departement);
    const share = Math.floor(q.population / q.communes.length);
    const b = main.box;
    const s = (b[2] - b[0]) / 10;
    const square: Box = [
      round(b[0] + 3 * s),
      round(b[1] + 3 * s),
      round(b[0] + 6 * s),
      round(b[1] + 6 * s),
    ];
    return {
      code: q.code,
      name: q.name,
      list,
      departement: main.departement,
      region: regionOf(main.departement),
      epci: main.epci,
      communes: q.communes,
      validFrom: validity.from,
      validTo: validity.to,
      status: q.status,
      predecessors: q.predecessors,
      successors: list === '2015' ? successorsOf(q.code) : [],
      population: q.population,
      pieces: q.communes.map((commune, i) => ({
        commune,
        population: i === 0 ? q.population - share * (q.communes.length - 1) : share,
      })),
      point: q.contour
        ? centre(square)
        : main.departement === '971'
          ? ([-61.5, 16.27] as [number, number])
          : centre(main.box),
      positionSource: q.contour ? ('contour' as const) : ('commune' as const),
      polygons: q.contour ? [[ring(square)]] : [],
      areaKm2: q.contour ? 0.4 : null,
      site: main.site,
    };
  }).sort((a, b) => (a.code < b.code ? -1 : 1));
  const cog: Cog = {
    regions: REGIONS.map((r) => ({ code: r.code, name: r.name, region: null })),
    departements: DEPARTEMENTS.map((d) => ({ code: d.code, name: d.name, region: d.region })),
    communes: COMMUNES.map((c) => ({
      code: c.code,
      name: c.name,
      departement: c.departement,
      region: regionOf(c.departement),
      population: c.population,
      formerCodes: [],
      postcodes: c.postcodes,
    })),
    epci: EPCIS.map((e) => ({
      code: e.code,
      name: e.name,
      members: COMMUNES.filter((c) => c.epci === e.code).map((c) => c.code),
    })),
    ept: [],
    epciOf: new Map(COMMUNES.map((c) => [c.code, c.epci])),
    currentCode: new Map(COMMUNES.map((c) => [c.code, c.code])),
  };
  const sites = (
    ['plaine_commune', 'vaulx_en_velin', 'ouest_provence', 'lens_lievin'] as const
  ).map((id) => {
    const members = communes.filter((c) => c.site === id).map((c) => c.code);
    const first = communeOf(members[0] ?? '');
    const inSite = (l: string): string[] =>
      qpv
        .filter((q) => q.list === l && q.communes.some((c) => members.includes(c)))
        .map((q) => q.code);
    return {
      id,
      name: {
        plaine_commune: 'Plaine Commune',
        vaulx_en_velin: 'Vaulx-en-Velin',
        ouest_provence: 'Ouest Provence',
        lens_lievin: 'CA de Lens-Liévin',
      }[id],
      departement: first.departement,
      region: regionOf(first.departement),
      communes: members,
      qpv2015: inSite('2015'),
      qpv2024: inSite('2024'),
    };
  });
  return {
    cog,
    communes,
    communeByCode: new Map(communes.map((c) => [c.code, c])),
    qpv,
    qpvByCode: new Map(qpv.map((q) => [q.code, q])),
    sites,
    qpvPolygons: 'official',
    notes: [],
    references: [],
    communesWithoutGeometry: [],
    unmatchedGeometry: [],
  };
}

// --- Facts at the finest grain (arithmetic rules) -----------------------------------------------

const YEARS = Array.from({ length: 10 }, (_, i) => 2015 + i);

/** Cells a place's yearly total is split into, with their share (fixed, hand-chosen). */
const CASE_CELLS: readonly {
  criterion: Criterion;
  domain: Domain;
  channel: Channel;
  share: number;
}[] = [
  { criterion: 'origine', domain: 'emploi_prive', channel: 'delegues', share: 0.45 },
  {
    criterion: 'handicap',
    domain: 'biens_services_prives',
    channel: 'plateforme_3928',
    share: 0.25,
  },
  { criterion: 'etat_sante', domain: 'emploi_public', channel: 'siege', share: 0.15 },
  { criterion: 'sexe', domain: 'logement', channel: 'delegues', share: 0.1 },
  {
    criterion: 'lieu_residence',
    domain: 'services_publics',
    channel: 'plateforme_3928',
    share: 0.05,
  },
];

/** Trend: +4 % a year, and a step when the online platform opened (February 2021). */
const trend = (year: number): number => (1 + 0.04 * (year - 2015)) * (year >= 2021 ? 1.25 : 1);

function caseRows(model: TerritoryModel): Cell[][] {
  const rows: Cell[][] = [];
  for (const year of YEARS) {
    const byCommune = new Map<string, { qpv: string | null; population: number }[]>();
    for (const p of places(model, year))
      byCommune.set(p.commune, [...(byCommune.get(p.commune) ?? []), p]);
    for (const c of COMMUNES) {
      const total = Math.round((c.population * c.caseRate * trend(year)) / 100_000);
      const units = byCommune.get(c.code) ?? [];
      const parts: { qpv: string | null; total: number }[] = [];
      let rest = total;
      for (const u of units) {
        if (u.qpv === null) continue;
        const q = QPV.find((x) => x.code === u.qpv);
        const n = Math.round((total * (q?.caseShare ?? 0)) / (q?.communes.length ?? 1));
        parts.push({ qpv: u.qpv, total: Math.min(n, rest) });
        rest -= Math.min(n, rest);
      }
      parts.unshift({ qpv: null, total: rest });
      for (const part of parts) {
        let left = part.total;
        CASE_CELLS.forEach((cell, i) => {
          const n = i === CASE_CELLS.length - 1 ? left : Math.round(part.total * cell.share);
          const count = Math.min(n, left);
          left -= count;
          if (count <= 0) return;
          // The siège does not record the month; other channels do.
          const month = cell.channel === 'siege' ? null : ((year + i * 5) % 12) + 1;
          rows.push([
            year,
            month,
            c.code,
            part.qpv,
            cell.criterion,
            cell.domain,
            cell.channel,
            count,
          ]);
        });
      }
    }
  }
  return rows;
}

const NR_BENEFITS: readonly { benefit: Benefit; per1000: number; rate: number }[] = [
  { benefit: 'rsa', per1000: 40, rate: 0.34 },
  { benefit: 'prime_activite', per1000: 60, rate: 0.39 },
  { benefit: 'aah', per1000: 6, rate: 0.1 },
];

function nonRecoursRows(model: TerritoryModel): Cell[][] {
  const rows: Cell[][] = [];
  for (const year of YEARS) {
    const drift = 1 - 0.01 * (year - 2015);
    for (const p of places(model, year))
      for (const b of NR_BENEFITS) {
        const uplift = p.qpv ? 1.6 : 1;
        const eligible = Math.round((p.population * b.per1000 * uplift) / 1000 / 10);
        if (eligible === 0) continue;
        const nonRecipients = Math.round(eligible * b.rate * drift);
        rows.push([year, p.commune, p.qpv, b.benefit, eligible, eligible - nonRecipients]);
      }
  }
  return rows;
}

// prettier-ignore
const SERVICE_ROWS: readonly { id: string; name: string; commune: string; role: string; format: string; opened: string; closed: string | null }[] = [
  { id: 'fs-0001', name: 'France services Saint-Denis Franc-Moisin', commune: '93066', role: 'principal', format: 'fixe', opened: '2021-01-01', closed: null },
  { id: 'fs-0002', name: 'France services Aubervilliers', commune: '93001', role: 'principal', format: 'fixe', opened: '2020-01-15', closed: null },
  { id: 'fs-0003', name: "France services de L'Haÿ-les-Roses", commune: '94038', role: 'principal', format: 'fixe', opened: '2022-06-01', closed: null },
  { id: 'fs-0004', name: 'France services Lens', commune: '62498', role: 'principal', format: 'fixe_antennes', opened: '2020-03-01', closed: null },
  { id: 'fs-0005', name: 'France services itinérante; --Artois', commune: '62001', role: 'principal', format: 'bus', opened: '2020-09-01', closed: '2023-06-30' },
  { id: 'fs-0006', name: 'Antenne France services Liévin', commune: '62510', role: 'antenne', format: 'fixe', opened: '2021-05-01', closed: null },
  { id: 'fs-0007', name: 'France services Les Abymes', commune: '97101', role: 'principal', format: 'fixe', opened: '2023-02-01', closed: null },
];

function serviceRows(): Cell[][] {
  return SERVICE_ROWS.map((s, i) => {
    const b = communeOf(s.commune).box;
    const step = (b[2] - b[0]) / 10;
    const lon = s.commune === '97101' ? -61.49 : round(b[0] + (2 + (i % 6)) * step);
    const lat = s.commune === '97101' ? 16.26 : round(b[1] + (7 - (i % 4)) * step);
    return [
      s.id,
      'france_services',
      s.role,
      s.format,
      s.name,
      s.commune,
      lon,
      lat,
      s.opened,
      s.closed,
      false,
    ];
  });
}

// --- Writing -------------------------------------------------------------------------------------

type Literal = string | number | boolean | null;
const lit = (v: Literal): string =>
  v === null
    ? 'NULL'
    : typeof v === 'boolean'
      ? v
        ? 'TRUE'
        : 'FALSE'
      : typeof v === 'number'
        ? sqlNumber(v)
        : sqlString(v);

const PROVENANCE: Readonly<Record<PublishedTableName, string>> = {
  territories:
    'Extrait écrit à la main : codes et noms réels de quelques communes et QPV, populations arrondies ou inventées, un EPCI fictif (scripts/fixtures.parquet.ts).',
  indicators: 'Catalogue des indicateurs de src/catalogue/indicators.ts.',
  populations: 'Populations par partie calculées par le pipeline à partir du monde de test.',
  cases:
    'Réclamations fictives (règle arithmétique fixe : taux par commune, tendance, part QPV), publiées par l’étape de publication réelle (secret primaire et secondaire).',
  non_recours:
    'Éligibles et bénéficiaires fictifs (règle arithmétique fixe), publiés par l’étape de publication réelle.',
  services: 'France services fictives écrites à la main.',
};

async function main(): Promise<void> {
  fs.rmSync(path.join(OUT, 'geo'), { recursive: true, force: true });
  fs.mkdirSync(path.join(OUT, 'geo'), { recursive: true });
  const model = fixtureModel();
  const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
  const conn = await instance.connect();
  const tables: TableManifest[] = [];
  const publication: PublicationReport[] = [];
  const write = async (name: PublishedTableName, rows: number | null): Promise<void> => {
    const file = `${name}.parquet`;
    const written = await writeParquet(conn, TABLES[name], path.join(OUT, file));
    tables.push({
      name,
      file,
      rows: rows ?? written.rows,
      bytes: written.bytes,
      synthetic: name !== 'services',
      provenance: PROVENANCE[name],
    });
  };
  await createContractTable(conn, TABLES.territories, territoryRows(model));
  await write('territories', null);
  await createContractTable(conn, TABLES.indicators, indicatorRows());
  await write('indicators', null);
  await createContractTable(conn, TABLES.populations, populationCells(model));
  await write('populations', null);
  await createContractTable(conn, TABLES.services, serviceRows());
  await write('services', null);
  for (const [spec, rows] of [
    [CASES_GRAIN, caseRows(model)],
    [NON_RECOURS_GRAIN, nonRecoursRows(model)],
  ] as const) {
    await conn.run(`CREATE TABLE ${spec.name} (${columnsDdl(spec)})`);
    for (let i = 0; i < rows.length; i += 500) {
      const values = rows
        .slice(i, i + 500)
        .map((r) => `(${r.map((v) => lit(v as Literal)).join(', ')})`);
      await conn.run(`INSERT INTO ${spec.name} VALUES ${values.join(',\n')}`);
    }
  }
  const internal = process.argv.indexOf('--interne');
  if (internal > 0 && process.argv[internal + 1]) {
    // For diagnosis only, never into data/fixtures: the grain the fixtures are published from.
    const dir = path.resolve(process.argv[internal + 1] ?? '');
    fs.mkdirSync(dir, { recursive: true });
    for (const spec of [CASES_GRAIN, NON_RECOURS_GRAIN])
      await writeParquet(conn, spec, path.join(dir, `${spec.name}.parquet`));
  }
  for (const table of ['cases', 'non_recours'] as const) {
    const stats = await publishTable(conn, table);
    publication.push({
      table,
      levels: stats.levels,
      problems: stats.problems,
      disclosed: stats.disclosed,
    });
    await write(table, null);
  }
  conn.closeSync();
  instance.closeSync();

  const geometry: GeometryManifest[] = MAP_LEVELS.map((level) => writeGeometry(level, model));
  const boxes = COMMUNES.map((c) => c.box);
  const manifest: DatasetManifest = {
    schemaVersion: SCHEMA_VERSION as 3,
    title: 'Jeu de test (fixtures)',
    synthetic: true,
    seed: null,
    scale: 1,
    tables: [...tables].sort((a, b) => TABLE_NAMES.indexOf(a.name) - TABLE_NAMES.indexOf(b.name)),
    geometry,
    bounds: [
      Math.min(...boxes.map((b) => b[0])),
      Math.min(...boxes.map((b) => b[1])),
      Math.max(...boxes.map((b) => b[2])),
      Math.max(...boxes.map((b) => b[3])),
    ],
    notes: [
      'Jeu minuscule écrit à la main pour les tests : les communes et les QPV sont réels, leurs chiffres fictifs.',
      'Les rattachements de Vitry-sur-Seine et de Maisons-Alfort aux sites Vaulx-en-Velin et Ouest Provence sont propres au jeu de test.',
      'La Guadeloupe est dessinée dans un encart au large de la Bretagne ; elle garde la liste QPV 2015 jusqu’en 2024.',
      'Le site Plaine Commune a volontairement un taux de réclamations très supérieur à la moyenne.',
    ],
    publication,
  };
  fs.writeFileSync(path.join(OUT, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
  console.log(`fixtures écrites dans ${path.relative(process.cwd(), OUT)} :`);
  for (const t of manifest.tables)
    console.log(`  ${t.file.padEnd(22)} ${String(t.rows).padStart(6)} lignes ${t.bytes} o`);
  // The entry views' prebaked results, as the pipeline writes them for the demo data set.
  await prebake(OUT, (m) => console.log(`  ${m}`));
}

function writeGeometry(level: MapLevel, model: TerritoryModel): GeometryManifest {
  const file = `geo/${level}.geojson`;
  const pointsFile = `geo/${level}-points.geojson`;
  let areas: { code: string; name: string; box: Box }[];
  let points: unknown[];
  if (level === 'qpv') {
    areas = model.qpv
      .filter((q) => q.positionSource === 'contour')
      .map((q) => {
        const r = q.polygons[0]?.[0] ?? [];
        const xs = r.map((p) => p[0]);
        const ys = r.map((p) => p[1]);
        return {
          code: q.code,
          name: q.name,
          box: [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)] as Box,
        };
      });
    points = qpvPointFeatures(model);
  } else {
    const group = (key: (c: Commune) => string): Map<string, Box[]> => {
      const m = new Map<string, Box[]>();
      for (const c of COMMUNES) m.set(key(c), [...(m.get(key(c)) ?? []), c.box]);
      return m;
    };
    const boxes =
      level === 'commune'
        ? new Map(COMMUNES.map((c) => [c.code, [c.box]]))
        : level === 'epci'
          ? group((c) => c.epci)
          : level === 'departement'
            ? group((c) => c.departement)
            : group((c) => regionOf(c.departement));
    const names = new Map<string, string>([
      ...COMMUNES.map((c) => [c.code, c.name] as [string, string]),
      ...EPCIS.map((e) => [e.code, e.name] as [string, string]),
      ...DEPARTEMENTS.map((d) => [d.code, d.name] as [string, string]),
      ...REGIONS.map((r) => [r.code, r.name] as [string, string]),
    ]);
    areas = [...boxes].map(([code, bs]) => ({
      code,
      name: names.get(code) ?? code,
      box: [
        Math.min(...bs.map((b) => b[0])),
        Math.min(...bs.map((b) => b[1])),
        Math.max(...bs.map((b) => b[2])),
        Math.max(...bs.map((b) => b[3])),
      ] as Box,
    }));
    points = areas.map((a) => ({
      type: 'Feature',
      properties: { code: a.code, name: a.name },
      geometry: { type: 'Point', coordinates: centre(a.box) },
    }));
  }
  areas.sort((a, b) => (a.code < b.code ? -1 : 1));
  const polygons = {
    type: 'FeatureCollection',
    features: areas.map((a) => ({
      type: 'Feature',
      properties: { code: a.code, name: a.name },
      geometry: { type: 'Polygon', coordinates: [ring(a.box)] },
    })),
  };
  fs.writeFileSync(path.join(OUT, file), JSON.stringify(polygons) + '\n');
  fs.writeFileSync(
    path.join(OUT, pointsFile),
    JSON.stringify({ type: 'FeatureCollection', features: points }) + '\n',
  );
  return {
    level,
    file,
    points: pointsFile,
    features: level === 'qpv' ? model.qpv.length : areas.length,
    bytes: fs.statSync(path.join(OUT, file)).size,
    synthetic: true,
    ...(level === 'qpv' ? { pointPosition: 'mixed' as const } : {}),
  };
}

// Keep the benefit list referenced: a renamed benefit breaks this script at compile time.
void BENEFITS;

await main();
