/**
 * Writes `<data>/prebaked/`: the results of the entry views' first queries (the exact SQL the
 * app sends, from src/query/entry-queries.ts, suppression included: Carte's first map, the Sites
 * view and the report), each as an Arrow IPC
 * stream named after its SQL text, and `index.json` keyed by SQL text and by the fingerprint of
 * the data set's manifest (src/db/prebaked.ts). The page paints its first map from them while
 * DuckDB-WASM starts. Run on DuckDB-WASM's Node build, the engine the page runs.
 *
 * Called by build-all.ts once the manifest is written; alone: npx tsx scripts/prebake.ts [--out DIR]
 * (DIR holds manifest.json and the tables; default data/). The folder is replaced as a whole.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { tableFromIPC } from 'apache-arrow';
import { MANIFEST_FILE, type DatasetManifest } from '../src/catalogue/dataset';
import { createNodeConnector, loadDatasetFromDir } from '../src/db/node';
import { tablesInSql } from '../src/db/table-gate';
import {
  PREBAKED_DIR,
  PREBAKED_FORMAT,
  PREBAKED_INDEX,
  datasetFingerprint,
  prebakedFileName,
  type PrebakedEntry,
  type PrebakedIndex,
} from '../src/db/prebaked-index';
import type { Connector } from '../src/db/connector';
import type { FeatureCollection } from 'geojson';
import { POSTER_FORMAT, posterFile, type PosterGeometry } from '../src/map/poster-format';
import { entryLevels, entryQueries, entryViews, prebakedQueries } from '../src/query/entry-queries';
import { readSiteMembers, siteMembersSql } from '../src/query/sites';
import { posterGeometry } from './lib/poster-geometry';
import { REPO_ROOT } from './lib/options';

/**
 * Loads into `connector` the tables the entry queries read, and lists those queries
 * (`prebakedQueries`): Sites' and the report's are planned from the sites' members, read first,
 * as the views do.
 */
export async function plannedQueries(connector: Connector, dataDir: string): Promise<string[]> {
  const first = [...entryQueries(), siteMembersSql()];
  const loaded = new Set(first.flatMap(tablesInSql));
  await loadDatasetFromDir(connector, dataDir, undefined, [...loaded]);
  const queries = prebakedQueries(readSiteMembers(await connector.query(siteMembersSql())));
  const more = [...new Set(queries.flatMap(tablesInSql))].filter((t) => !loaded.has(t));
  if (more.length > 0) await loadDatasetFromDir(connector, dataDir, undefined, more);
  return queries;
}

/** Runs the entry queries on the data set in `dataDir` and writes `dataDir/prebaked/`. */
export async function prebake(
  dataDir: string,
  log: (m: string) => void = () => undefined,
): Promise<PrebakedIndex> {
  const manifest = JSON.parse(
    fs.readFileSync(path.join(dataDir, MANIFEST_FILE), 'utf8'),
  ) as DatasetManifest;
  const connector = await createNodeConnector();
  const entries: PrebakedEntry[] = [];
  const files = new Map<string, Uint8Array>();
  try {
    const queries = await plannedQueries(connector, dataDir);
    const views = entryViews(readSiteMembers(await connector.query(siteMembersSql())));
    for (const sql of queries) {
      const bytes = await connector.queryIPC(sql);
      // The row count from the bytes written, not from running the query a second time.
      const rows = tableFromIPC(bytes).numRows;
      const file = prebakedFileName(sql);
      files.set(file, bytes);
      entries.push({ sql, file, rows, bytes: bytes.length, views: views.get(sql) ?? [] });
    }
  } finally {
    await connector.close();
  }
  const index: PrebakedIndex = {
    format: PREBAKED_FORMAT,
    dataset: datasetFingerprint(manifest),
    entries,
  };
  // Replaced as a whole: no result of an older data set or query is left behind.
  const dir = path.join(dataDir, PREBAKED_DIR);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  for (const [file, bytes] of files) fs.writeFileSync(path.join(dir, file), bytes);
  fs.writeFileSync(path.join(dataDir, PREBAKED_INDEX), `${JSON.stringify(index, null, 1)}\n`);
  // The poster of the first map (src/map/PosterMap.tsx): its level's geometry, projected and
  // simplified once here (built from the data set's geometry, so never committed but for the
  // fixtures).
  for (const level of entryLevels()) {
    const geo = manifest.geometry.find((g) => g.level === level);
    if (!geo) continue;
    const read = (file: string): FeatureCollection =>
      JSON.parse(fs.readFileSync(path.join(dataDir, file), 'utf8')) as FeatureCollection;
    const poster = posterGeometry(level, index.dataset, read(geo.file), read(geo.points));
    const file = path.join(dir, posterFile(level));
    fs.writeFileSync(file, `${JSON.stringify(poster)}\n`);
    log(
      `Affiche de la carte : ${posterFile(level)} (${(fs.statSync(file).size / 1e3).toFixed(1)} ko)`,
    );
  }
  for (const e of entries)
    log(`Précalculé : ${e.file} (${e.rows} lignes, ${(e.bytes / 1e3).toFixed(1)} ko)`);
  return index;
}

/**
 * Whether `dataDir/prebaked/` answers for this data set and for the SQL the entry views send now
 * (the same checks as scripts/prebake.test.ts, without running the queries).
 */
export function prebakedCurrent(dataDir: string): boolean {
  try {
    const manifest = JSON.parse(
      fs.readFileSync(path.join(dataDir, MANIFEST_FILE), 'utf8'),
    ) as DatasetManifest;
    const index = JSON.parse(
      fs.readFileSync(path.join(dataDir, PREBAKED_INDEX), 'utf8'),
    ) as PrebakedIndex;
    // Sites' queries are planned from the sites' members: read them from their prebaked file.
    const members = index.entries.find((e) => e.sql === siteMembersSql());
    if (!members) return false;
    const wanted = prebakedQueries(
      readSiteMembers(
        tableFromIPC(fs.readFileSync(path.join(dataDir, PREBAKED_DIR, members.file))),
      ),
    );
    return (
      index.format === PREBAKED_FORMAT &&
      index.dataset === datasetFingerprint(manifest) &&
      index.entries.length === wanted.length &&
      index.entries.every(
        (e, i) => e.sql === wanted[i] && fs.existsSync(path.join(dataDir, PREBAKED_DIR, e.file)),
      ) &&
      entryLevels().every((level) => {
        const file = path.join(dataDir, PREBAKED_DIR, posterFile(level));
        if (!fs.existsSync(file)) return !manifest.geometry.some((g) => g.level === level);
        const poster = JSON.parse(fs.readFileSync(file, 'utf8')) as PosterGeometry;
        return poster.format === POSTER_FORMAT && poster.dataset === index.dataset;
      })
    );
  } catch {
    return false;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const outFlag = process.argv.indexOf('--out');
  const dir =
    outFlag >= 0 ? path.resolve(process.argv[outFlag + 1] ?? '') : path.join(REPO_ROOT, 'data');
  prebake(dir, (m) => console.log(m)).catch((err: unknown) => {
    console.error(
      `Échec du précalcul des premières vues : ${err instanceof Error ? err.message : String(err)}`,
    );
    process.exitCode = 1;
  });
}
