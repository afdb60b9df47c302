/**
 * The 10-million-row mode (`BENCH_SCALE=250` or `npm run bench -- --scale 250`): the pipeline's
 * `--scale` tables, built once into data-scale/<scale>/ (git-ignored; data/ is never touched),
 * served to the built app under BENCH_DATA_PREFIX with data/'s geometry. Also what the bench
 * measures there beside the interactions: the same SQL run raw through the app's connector, and
 * the engine's memory.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { CDPSession, Page } from 'playwright-core';
import { findIndicator } from '../../src/catalogue';
import { indicatorByTerritory, indicatorByTerritoryParts } from '../../src/query';
import { filtersOf } from '../../src/state/filters';
import { ROOT } from './harness';
import type { Patch } from './series';

interface ManifestLike {
  scale?: number;
  tables: { name: string; file: string; rows: number }[];
  geometry: unknown[];
  bounds?: unknown;
}

const readManifest = (dir: string): ManifestLike | null => {
  try {
    return JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as ManifestLike;
  } catch {
    return null;
  }
};

/** `--scale N` from the command line, else BENCH_SCALE, else null (the demo data). */
export function scaleOption(argv: readonly string[]): number | null {
  const i = argv.indexOf('--scale');
  const raw = i >= 0 ? argv[i + 1] : process.env.BENCH_SCALE;
  if (raw === undefined || raw === '') return null;
  const n = Number(raw);
  if (!(n > 0)) throw new Error(`Échelle invalide : ${raw} (nombre positif attendu).`);
  return n;
}

/**
 * The folder of the `--scale` data set, built on first use (several minutes: facts, publication
 * with suppression) and reused after. Its manifest gets data/'s geometry, served from data/geo
 * through a symbolic link (the facts change with the scale, the map's shapes do not).
 */
export function ensureScaleData(scale: number): string {
  const dir = path.join(ROOT, 'data-scale', String(scale));
  const built = readManifest(dir);
  const fresh =
    built?.scale === scale &&
    ['cases', 'non_recours'].every((t) => fs.existsSync(path.join(dir, `${t}.parquet`)));
  if (!fresh) {
    console.log(`Jeu ×${scale} absent : construction dans ${dir} (plusieurs minutes)…`);
    execFileSync(
      process.execPath,
      [
        path.join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'),
        path.join(ROOT, 'scripts', 'build-all.ts'),
        ...['--scale', String(scale), '--no-geo', '--out', dir],
      ],
      { cwd: ROOT, stdio: 'inherit' },
    );
  }
  const base = readManifest(path.join(ROOT, 'data'));
  const own = readManifest(dir);
  if (!base || !own) throw new Error('manifest.json absent : lancer `npm run data`.');
  if (own.geometry.length === 0) {
    fs.writeFileSync(
      path.join(dir, 'manifest.json'),
      JSON.stringify({ ...own, geometry: base.geometry, bounds: base.bounds }, null, 2),
    );
  }
  const geo = path.join(dir, 'geo');
  if (!fs.existsSync(geo)) fs.symlinkSync(path.join(ROOT, 'data', 'geo'), geo, 'dir');
  return dir;
}

/** Row counts of the fact tables of a data folder, for the header. */
export function factRows(dir: string): string {
  const m = readManifest(dir);
  return (m?.tables ?? [])
    .filter((t) => t.name === 'cases' || t.name === 'non_recours')
    .map((t) => `${t.name} ${t.rows.toLocaleString('fr-FR')} lignes`)
    .join(', ');
}

/** The SQL the Carte view runs for a state (`mapQueries`: all years at once but for communes). */
export function mapSql(state: Patch): string {
  const s = state as {
    indicator: string;
    level: 'region' | 'departement' | 'epci' | 'commune' | 'qpv';
    year: number;
    criterion: string | null;
    domain: string | null;
    channel: string | null;
    territoryType: 'tous';
    benefit?: null;
  };
  const ind = findIndicator(s.indicator);
  if (!ind) throw new Error(`indicateur inconnu : ${s.indicator}`);
  const filters = filtersOf(ind, { ...s, benefit: s.benefit ?? null } as Parameters<
    typeof filtersOf
  >[1]);
  return s.level === 'commune'
    ? indicatorByTerritory(ind, s.level, s.year, filters)
    : indicatorByTerritoryParts(ind, s.level, filters);
}

/**
 * In-page time of each SQL run raw through the app's connector (`window.__observatoire.engine
 * .run`, no cache of ours: DuckDB runs it every time), `reps` passes over the list.
 */
export async function rawTimes(
  page: Page,
  sqls: readonly string[],
  reps: number,
): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < reps; i++) {
    const sql = sqls[i % sqls.length] ?? '';
    out.push(
      (await page.evaluate(async (q) => {
        const run = (
          window.__observatoire as unknown as {
            engine: { run(sql: string, background: boolean): Promise<number> };
          }
        ).engine.run;
        const t0 = performance.now();
        await run(q, false);
        return performance.now() - t0;
      }, sql)) as number,
    );
  }
  return out;
}

export interface Memory {
  /** The page's JS heap (CDP Runtime.getHeapUsage), MB. */
  readonly jsHeapMb: number;
  /** ArrayBuffers of the page (Arrow results), MB, when Chromium reports it. */
  readonly pageBuffersMb: number;
  /** DuckDB's own accounting (`duckdb_memory()`, every tag), MB: its share of the wasm heap. */
  readonly duckdbMb: number;
  /** `PRAGMA database_size`'s memory usage, MB. */
  readonly databaseMb: number;
}

/**
 * The engine's hook answers a row count only: a query whose row count is the figure wanted
 * (in MiB) reads it without a new hook in src/db.
 */
async function countOf(page: Page, sql: string): Promise<number> {
  return (await page.evaluate(
    (q) =>
      (
        window.__observatoire as unknown as {
          engine: { run(sql: string, background: boolean): Promise<number> };
        }
      ).engine.run(q, false),
    sql,
  )) as number;
}

export async function memory(page: Page, cdp: CDPSession): Promise<Memory> {
  const heap = (await cdp.send('Runtime.getHeapUsage')) as {
    usedSize: number;
    backingStorageSize?: number;
  };
  const duckdbMb = await countOf(
    page,
    'SELECT * FROM range((SELECT (sum(memory_usage_bytes) / 1048576)::BIGINT FROM duckdb_memory()))',
  );
  // memory_usage is text ("123.4 MiB"): DuckDB parses it back with its own size parser.
  const databaseMb = await countOf(
    page,
    "SELECT * FROM range((SELECT (CASE WHEN memory_usage LIKE '%GiB' THEN 1024 ELSE 1 END * TRY_CAST(split_part(memory_usage, ' ', 1) AS DOUBLE))::BIGINT FROM pragma_database_size()))",
  ).catch(() => NaN);
  return {
    jsHeapMb: heap.usedSize / 1048576,
    pageBuffersMb: (heap.backingStorageSize ?? NaN) / 1048576,
    duckdbMb,
    databaseMb,
  };
}
