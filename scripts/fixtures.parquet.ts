/**
 * Writes data/fixtures/: the tiny hand-made dataset the unit and browser tests run on. Same file
 * names as the real dataset (tables, geometry per level, manifest.json). Every row below is
 * written by hand or by a fixed arithmetic rule, so a second run gives byte-identical files
 * (checked in CI with `git diff --exit-code data/fixtures`). Never derived from real sources.
 *
 * Run: npx tsx scripts/fixtures.parquet.ts [--out DIR]
 */
import { DuckDBInstance } from '@duckdb/node-api';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  CASES,
  INDICATORS,
  MAP_LEVELS,
  NON_RECOURS,
  SERVICES,
  TABLES,
  TABLE_NAMES,
  TERRITORIES,
  columnsDdl,
  type Benefit,
  type Channel,
  type Criterion,
  type Domain,
  type MapLevel,
  type Rurality,
  type ServiceType,
  type SiteId,
  type TableName,
  type TableSpec,
} from '../src/catalogue';
import type { DatasetManifest, GeometryManifest, TableManifest } from '../src/catalogue/dataset';
import { sqlNumber, sqlString } from '../src/query/sql';

const outFlag = process.argv.indexOf('--out');
/** Output directory: data/fixtures, or `--out DIR` (the determinism test writes to a temp dir). */
const OUT =
  outFlag > 0 && process.argv[outFlag + 1]
    ? path.resolve(process.argv[outFlag + 1] ?? '')
    : path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../data/fixtures');

type Box = readonly [west: number, south: number, east: number, north: number];

interface Commune {
  code: string;
  name: string;
  region: string;
  departement: string;
  epci: string;
  population: number;
  area: number;
  rurality: Rurality;
  site: SiteId | null;
  /** Real centroid (WGS84). */
  lon: number;
  lat: number;
  /** Display square on the map (DROM moved into an inset). */
  box: Box;
  /** Yearly cases per 100,000 inhabitants used by the arithmetic rule below. */
  caseRate: number;
}

interface Qpv {
  code: string;
  name: string;
  commune: string;
  population: number;
  /** Share of the commune's cases that come from the QPV's residents. */
  caseShare: number;
}

// --- Territories ---------------------------------------------------------------------------------

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
  { code: '200054781', name: 'Métropole du Grand Paris', synthetic: false },
  { code: '246200364', name: 'CA de Lens-Liévin', synthetic: false },
  { code: '200099999', name: 'CA Test; --Nord', synthetic: true },
  { code: '200018653', name: 'CA Cap Excellence', synthetic: false },
] as const;

const sq = (west: number, south: number, size = 0.1): Box => [
  round(west),
  round(south),
  round(west + size),
  round(south + size),
];

// prettier-ignore
const COMMUNES: readonly Commune[] = [
  // Seine-Saint-Denis: the Plaine Commune site, deliberately far above the national rate.
  { code: '93066', name: 'Saint-Denis', region: '11', departement: '93', epci: '200054781', population: 113_000, area: 12.4, rurality: 'dense', site: 'plaine_commune', lon: 2.35, lat: 48.95, box: sq(2.2, 48.9), caseRate: 60 },
  { code: '93001', name: 'Aubervilliers', region: '11', departement: '93', epci: '200054781', population: 88_000, area: 5.8, rurality: 'dense', site: 'plaine_commune', lon: 2.38, lat: 48.91, box: sq(2.3, 48.9), caseRate: 60 },
  { code: '93048', name: 'Montreuil', region: '11', departement: '93', epci: '200054781', population: 111_000, area: 8.9, rurality: 'dense', site: null, lon: 2.44, lat: 48.86, box: sq(2.4, 48.9), caseRate: 9 },
  // Val-de-Marne (site tags of Vitry and Maisons-Alfort are fixture-only, so every site exists).
  { code: '94038', name: "L'Haÿ-les-Roses", region: '11', departement: '94', epci: '200054781', population: 31_000, area: 3.9, rurality: 'dense', site: null, lon: 2.34, lat: 48.78, box: sq(2.2, 48.8), caseRate: 8 },
  { code: '94081', name: 'Vitry-sur-Seine', region: '11', departement: '94', epci: '200054781', population: 95_000, area: 11.7, rurality: 'dense', site: 'vaulx_en_velin', lon: 2.39, lat: 48.79, box: sq(2.3, 48.8), caseRate: 9 },
  { code: '94046', name: 'Maisons-Alfort', region: '11', departement: '94', epci: '200054781', population: 56_000, area: 5.4, rurality: 'dense', site: 'ouest_provence', lon: 2.44, lat: 48.8, box: sq(2.4, 48.8), caseRate: 8 },
  // Pas-de-Calais: the Lens-Liévin site and two rural communes of the fictional EPCI.
  { code: '62498', name: 'Lens', region: '32', departement: '62', epci: '246200364', population: 31_000, area: 11.7, rurality: 'dense', site: 'lens_lievin', lon: 2.83, lat: 50.43, box: sq(2.7, 50.4), caseRate: 12 },
  { code: '62510', name: 'Liévin', region: '32', departement: '62', epci: '246200364', population: 30_000, area: 12.8, rurality: 'intermediaire', site: 'lens_lievin', lon: 2.78, lat: 50.42, box: sq(2.6, 50.4), caseRate: 10 },
  { code: '62001', name: 'Ablain-Saint-Nazaire', region: '32', departement: '62', epci: '200099999', population: 1_900, area: 6.3, rurality: 'peu_dense', site: null, lon: 2.7, lat: 50.39, box: sq(2.6, 50.3), caseRate: 20 },
  { code: '62003', name: 'Acheville', region: '32', departement: '62', epci: '200099999', population: 600, area: 3.2, rurality: 'tres_peu_dense', site: null, lon: 2.88, lat: 50.38, box: sq(2.7, 50.3), caseRate: 0 },
  // Guadeloupe, drawn in an inset off Brittany (display coordinates), real centroid kept.
  { code: '97101', name: 'Les Abymes', region: '01', departement: '971', epci: '200018653', population: 53_000, area: 81.6, rurality: 'intermediaire', site: null, lon: -61.5, lat: 16.27, box: sq(-4.9, 46.6, 0.2), caseRate: 10 },
];

// prettier-ignore
const QPVS: readonly Qpv[] = [
  { code: 'QPDEMO0001', name: 'Franc-Moisin (démo)', commune: '93066', population: 9_000, caseShare: 0.3 },
  { code: 'QPDEMO0002', name: 'Villette – Quatre-Chemins (démo)', commune: '93001', population: 12_000, caseShare: 0.25 },
  { code: 'QPDEMO0003', name: "Lallier – L'Haÿ (démo)", commune: '94038', population: 3_000, caseShare: 0.4 },
  { code: 'QPDEMO0004', name: 'Grande Résidence (démo)', commune: '62498', population: 4_000, caseShare: 0.35 },
];

function round(x: number, digits = 6): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

function communeOf(code: string): Commune {
  const c = COMMUNES.find((x) => x.code === code);
  if (!c) throw new Error(`commune inconnue ${code}`);
  return c;
}

function union(boxes: readonly Box[]): Box {
  return [
    Math.min(...boxes.map((b) => b[0])),
    Math.min(...boxes.map((b) => b[1])),
    Math.max(...boxes.map((b) => b[2])),
    Math.max(...boxes.map((b) => b[3])),
  ];
}

function qpvBox(q: Qpv): Box {
  const b = communeOf(q.commune).box;
  const s = (b[2] - b[0]) / 10;
  return [round(b[0] + 3 * s), round(b[1] + 3 * s), round(b[0] + 6 * s), round(b[1] + 6 * s)];
}

interface TerritoryRow {
  level: string;
  code: string;
  name: string;
  region: string | null;
  departement: string | null;
  epci: string | null;
  commune: string | null;
  population: number;
  area: number | null;
  rurality: Rurality | null;
  lon: number | null;
  lat: number | null;
  site: SiteId | null;
  synthetic: boolean;
  vintage: string;
  box: Box;
}

const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);
const centre = (b: Box): [number, number] => [round((b[0] + b[2]) / 2), round((b[1] + b[3]) / 2)];

function territoryRows(): TerritoryRow[] {
  const rows: TerritoryRow[] = [];
  const all = COMMUNES;
  const base = { rurality: null, site: null, synthetic: false, vintage: 'COG 2025 (extrait)' };
  rows.push({
    ...base,
    level: 'france',
    code: 'FR',
    name: 'France',
    region: null,
    departement: null,
    epci: null,
    commune: null,
    population: sum(all.map((c) => c.population)),
    area: round(sum(all.map((c) => c.area)), 3),
    lon: 2.35,
    lat: 46.6,
    box: union(all.map((c) => c.box)),
  });
  for (const r of REGIONS) {
    const cs = all.filter((c) => c.region === r.code);
    const [lon, lat] = centre(union(cs.map((c) => c.box)));
    rows.push({
      ...base,
      level: 'region',
      code: r.code,
      name: r.name,
      region: null,
      departement: null,
      epci: null,
      commune: null,
      population: sum(cs.map((c) => c.population)),
      area: round(sum(cs.map((c) => c.area)), 3),
      lon: r.code === '01' ? -61.55 : lon,
      lat: r.code === '01' ? 16.25 : lat,
      box: union(cs.map((c) => c.box)),
    });
  }
  for (const d of DEPARTEMENTS) {
    const cs = all.filter((c) => c.departement === d.code);
    const [lon, lat] = centre(union(cs.map((c) => c.box)));
    rows.push({
      ...base,
      level: 'departement',
      code: d.code,
      name: d.name,
      region: d.region,
      departement: null,
      epci: null,
      commune: null,
      population: sum(cs.map((c) => c.population)),
      area: round(sum(cs.map((c) => c.area)), 3),
      lon: d.code === '971' ? -61.55 : lon,
      lat: d.code === '971' ? 16.25 : lat,
      box: union(cs.map((c) => c.box)),
    });
  }
  for (const e of EPCIS) {
    const cs = all.filter((c) => c.epci === e.code);
    const first = cs[0];
    if (!first) throw new Error(`EPCI sans commune ${e.code}`);
    const [lon, lat] = centre(union(cs.map((c) => c.box)));
    rows.push({
      ...base,
      level: 'epci',
      code: e.code,
      name: e.name,
      region: first.region,
      departement: first.departement,
      epci: null,
      commune: null,
      population: sum(cs.map((c) => c.population)),
      area: round(sum(cs.map((c) => c.area)), 3),
      lon: first.region === '01' ? first.lon : lon,
      lat: first.region === '01' ? first.lat : lat,
      synthetic: e.synthetic,
      vintage: e.synthetic ? 'EPCI fictif (tests)' : base.vintage,
      box: union(cs.map((c) => c.box)),
    });
  }
  for (const c of all) {
    rows.push({
      level: 'commune',
      code: c.code,
      name: c.name,
      region: c.region,
      departement: c.departement,
      epci: c.epci,
      commune: null,
      population: c.population,
      area: c.area,
      rurality: c.rurality,
      lon: c.lon,
      lat: c.lat,
      site: c.site,
      synthetic: false,
      vintage: base.vintage,
      box: c.box,
    });
  }
  for (const q of QPVS) {
    const c = communeOf(q.commune);
    const box = qpvBox(q);
    rows.push({
      level: 'qpv',
      code: q.code,
      name: q.name,
      region: c.region,
      departement: c.departement,
      epci: c.epci,
      commune: c.code,
      population: q.population,
      area: null,
      rurality: null,
      lon: round(c.lon + 0.005),
      lat: round(c.lat - 0.005),
      site: c.site,
      synthetic: true,
      vintage: 'QPV démo',
      box,
    });
  }
  return rows;
}

// --- Facts ---------------------------------------------------------------------------------------

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

interface CaseRow {
  year: number;
  month: number | null;
  commune: string;
  qpv: string | null;
  criterion: Criterion;
  domain: Domain;
  channel: Channel;
  count: number;
}

/** Trend: +4 % a year, and a step when the online platform opened (February 2021). */
const trend = (year: number): number => (1 + 0.04 * (year - 2015)) * (year >= 2021 ? 1.25 : 1);

function caseRows(): CaseRow[] {
  const rows: CaseRow[] = [];
  for (const year of YEARS) {
    for (const c of COMMUNES) {
      const total = Math.round((c.population * c.caseRate * trend(year)) / 100_000);
      const parts: { qpv: string | null; total: number }[] = [];
      let rest = total;
      for (const q of QPVS.filter((x) => x.commune === c.code)) {
        const n = Math.round(total * q.caseShare);
        parts.push({ qpv: q.code, total: n });
        rest -= n;
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
          rows.push({ year, month, commune: c.code, qpv: part.qpv, ...cell, count });
        });
      }
    }
  }
  return rows;
}

interface NonRecoursRow {
  year: number;
  commune: string;
  qpv: string | null;
  benefit: Benefit;
  eligible: number;
  recipients: number;
}

const NR_BENEFITS: readonly { benefit: Benefit; per1000: number; rate: number }[] = [
  { benefit: 'rsa', per1000: 40, rate: 0.34 },
  { benefit: 'prime_activite', per1000: 60, rate: 0.39 },
  { benefit: 'aah', per1000: 6, rate: 0.1 },
];

function nonRecoursRows(): NonRecoursRow[] {
  const rows: NonRecoursRow[] = [];
  for (const year of YEARS) {
    const drift = 1 - 0.01 * (year - 2015);
    for (const c of COMMUNES) {
      const qpvs = QPVS.filter((q) => q.commune === c.code);
      const places: { qpv: string | null; population: number; uplift: number }[] = [
        { qpv: null, population: c.population - sum(qpvs.map((q) => q.population)), uplift: 1 },
        ...qpvs.map((q) => ({ qpv: q.code, population: q.population, uplift: 1.6 })),
      ];
      for (const p of places) {
        for (const b of NR_BENEFITS) {
          const eligible = Math.round((p.population * b.per1000 * p.uplift) / 1000 / 10);
          const nonRecipients = Math.round(eligible * b.rate * drift);
          rows.push({
            year,
            commune: c.code,
            qpv: p.qpv,
            benefit: b.benefit,
            eligible,
            recipients: eligible - nonRecipients,
          });
        }
      }
    }
  }
  return rows;
}

interface ServiceRow {
  id: string;
  type: ServiceType;
  name: string;
  commune: string;
  opened: string;
  closed: string | null;
}

// prettier-ignore
const SERVICE_ROWS: readonly ServiceRow[] = [
  { id: 'FS-0001', type: 'msap', name: 'MSAP de Saint-Denis', commune: '93066', opened: '2016-03-01', closed: '2020-12-31' },
  { id: 'FS-0002', type: 'france_services', name: 'France services Saint-Denis Franc-Moisin', commune: '93066', opened: '2021-01-01', closed: null },
  { id: 'FS-0003', type: 'france_services', name: 'France services Aubervilliers', commune: '93001', opened: '2020-01-15', closed: null },
  { id: 'FS-0004', type: 'france_services', name: "France services de L'Haÿ-les-Roses", commune: '94038', opened: '2022-06-01', closed: null },
  { id: 'FS-0005', type: 'msap', name: 'MSAP de Liévin', commune: '62510', opened: '2015-06-01', closed: '2019-12-31' },
  { id: 'FS-0006', type: 'france_services', name: 'France services Lens', commune: '62498', opened: '2019-12-31', closed: null },
  { id: 'FS-0007', type: 'france_services', name: 'France services itinérante; --Artois', commune: '62001', opened: '2020-09-01', closed: '2023-06-30' },
  { id: 'FS-0008', type: 'france_services', name: 'France services Les Abymes', commune: '97101', opened: '2023-02-01', closed: null },
  { id: 'DDD-0001', type: 'permanence_delegue', name: 'Permanence du délégué — Montreuil', commune: '93048', opened: '2015-01-01', closed: null },
  { id: 'DDD-0002', type: 'permanence_delegue', name: 'Permanence du délégué — Vitry-sur-Seine', commune: '94081', opened: '2018-09-01', closed: null },
];

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

function indicatorRows(): Literal[][] {
  return INDICATORS.map((i) => [
    i.id,
    i.label,
    i.theme,
    i.definition,
    i.unit,
    i.kind,
    i.table,
    i.numerator,
    i.denominator === null
      ? null
      : i.denominator.kind === 'fact'
        ? i.denominator.sql
        : 'population',
    i.factor,
    i.levels.join(','),
    i.polarity,
    i.source,
    i.vintage,
    true,
  ]);
}

function serviceCoords(s: ServiceRow, index: number): [number, number] {
  const b = communeOf(s.commune).box;
  const step = (b[2] - b[0]) / 10;
  return [round(b[0] + (2 + (index % 6)) * step), round(b[1] + (7 - (index % 4)) * step)];
}

async function main(): Promise<void> {
  fs.mkdirSync(path.join(OUT, 'geo'), { recursive: true });
  const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
  const conn = await instance.connect();
  const territories = territoryRows();
  const rowsByTable: Record<TableName, Literal[][]> = {
    territories: territories.map((t) => [
      t.level,
      t.code,
      t.name,
      t.region,
      t.departement,
      t.epci,
      t.commune,
      t.population,
      t.area,
      t.rurality,
      t.rurality === null ? null : 'grille_insee',
      t.lon,
      t.lat,
      t.site,
      t.synthetic,
      t.vintage,
    ]),
    indicators: indicatorRows(),
    cases: caseRows().map((r) => [
      r.year,
      r.month,
      r.commune,
      r.qpv,
      r.criterion,
      r.domain,
      r.channel,
      r.count,
    ]),
    non_recours: nonRecoursRows().map((r) => [
      r.year,
      r.commune,
      r.qpv,
      r.benefit,
      r.eligible,
      r.recipients,
    ]),
    services: SERVICE_ROWS.map((s, i) => {
      const [lon, lat] = serviceCoords(s, i);
      return [s.id, s.type, s.name, s.commune, lon, lat, s.opened, s.closed, true];
    }),
  };
  const tables: TableManifest[] = [];
  for (const name of TABLE_NAMES) {
    const spec: TableSpec = TABLES[name];
    const rows = rowsByTable[name];
    await conn.run(`CREATE TABLE ${name} (${columnsDdl(spec)})`);
    for (let i = 0; i < rows.length; i += 500) {
      const values = rows.slice(i, i + 500).map((r) => `(${r.map(lit).join(', ')})`);
      await conn.run(`INSERT INTO ${name} VALUES ${values.join(',\n')}`);
    }
    const file = `${name}.parquet`;
    const order = spec.key.map((k) => `"${k}"`).join(', ');
    await conn.run(
      `COPY (SELECT * FROM ${name} ORDER BY ${order}) TO ${sqlString(path.join(OUT, file))} (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 100000)`,
    );
    tables.push({
      name,
      file,
      rows: rows.length,
      bytes: fs.statSync(path.join(OUT, file)).size,
      synthetic: true,
      provenance: PROVENANCE[name],
    });
  }
  conn.closeSync();
  instance.closeSync();

  const geometry: GeometryManifest[] = [];
  for (const level of MAP_LEVELS) geometry.push(writeGeometry(level, territories));
  const bounds = union(territories.filter((t) => t.level === 'commune').map((t) => t.box));
  const manifest: DatasetManifest = {
    schemaVersion: 1,
    title: 'Jeu de test (fixtures)',
    synthetic: true,
    seed: null,
    scale: 1,
    tables,
    geometry,
    bounds: [bounds[0], bounds[1], bounds[2], bounds[3]],
    notes: [
      'Jeu minuscule écrit à la main pour les tests : toutes les valeurs sont fictives.',
      'Les rattachements de Vitry-sur-Seine et de Maisons-Alfort aux sites Vaulx-en-Velin et Ouest Provence sont propres au jeu de test.',
      'La Guadeloupe est dessinée dans un encart au large de la Bretagne.',
      'Le site Plaine Commune a volontairement un taux de réclamations très supérieur à la moyenne.',
    ],
  };
  fs.writeFileSync(path.join(OUT, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
  console.log(`fixtures écrites dans ${path.relative(process.cwd(), OUT)} :`);
  for (const t of tables)
    console.log(`  ${t.file.padEnd(22)} ${String(t.rows).padStart(5)} lignes ${t.bytes} o`);
}

const PROVENANCE: Readonly<Record<TableName, string>> = {
  territories:
    'Extrait fictif du COG (codes et noms réels, populations arrondies), QPV de démonstration, un EPCI fictif ; écrit à la main (scripts/fixtures.parquet.ts).',
  indicators: 'Catalogue des indicateurs de src/catalogue/indicators.ts.',
  cases:
    'Réclamations fictives calculées par une règle arithmétique fixe (taux par commune, tendance, part QPV).',
  non_recours:
    'Effectifs d’éligibles et de bénéficiaires fictifs calculés par une règle arithmétique fixe.',
  services: 'Lieux d’accueil fictifs écrits à la main.',
};

function ring(b: Box): number[][] {
  return [
    [b[0], b[1]],
    [b[2], b[1]],
    [b[2], b[3]],
    [b[0], b[3]],
    [b[0], b[1]],
  ];
}

function writeGeometry(level: MapLevel, territories: readonly TerritoryRow[]): GeometryManifest {
  const rows = territories.filter((t) => t.level === level);
  const polygons = {
    type: 'FeatureCollection',
    features: rows.map((t) => ({
      type: 'Feature',
      properties: { code: t.code, name: t.name, synthetic: t.synthetic },
      geometry: { type: 'Polygon', coordinates: [ring(t.box)] },
    })),
  };
  const points = {
    type: 'FeatureCollection',
    features: rows.map((t) => ({
      type: 'Feature',
      properties: { code: t.code, name: t.name },
      geometry: { type: 'Point', coordinates: centre(t.box) },
    })),
  };
  const file = `geo/${level}.geojson`;
  const pointsFile = `geo/${level}-points.geojson`;
  fs.writeFileSync(path.join(OUT, file), JSON.stringify(polygons) + '\n');
  fs.writeFileSync(path.join(OUT, pointsFile), JSON.stringify(points) + '\n');
  return {
    level,
    file,
    points: pointsFile,
    features: rows.length,
    bytes: fs.statSync(path.join(OUT, file)).size,
    synthetic: true,
  };
}

// Keep the contract's table specs referenced so a renamed table breaks this script at compile time.
void [TERRITORIES, CASES, NON_RECOURS, SERVICES];

await main();
