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
 * The world is in scripts/lib/fixtures/world.ts, the facts' rules in facts.ts, the squares drawn
 * per level in geometry.ts; this file writes the tables and the manifest.
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
  SCHEMA_VERSION,
  TABLES,
  TABLE_NAMES,
  columnsDdl,
  type PublishedTableName,
} from '../src/catalogue';
import type {
  DatasetManifest,
  GeometryManifest,
  PublicationReport,
  TableManifest,
} from '../src/catalogue/dataset';
import { sqlNumber, sqlString } from '../src/query/sql';
import { indicatorRows } from './indicators.parquet';
import { createContractTable, writeParquet } from './lib/duck';
import { caseRows, nonRecoursRows, serviceRows } from './lib/fixtures/facts';
import { writeGeometry } from './lib/fixtures/geometry';
import { COMMUNES, fixtureModel } from './lib/fixtures/world';
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

  const geometry: GeometryManifest[] = MAP_LEVELS.map((level) => writeGeometry(OUT, level, model));
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

// Keep the benefit list referenced: a renamed benefit breaks this script at compile time.
void BENEFITS;

await main();
