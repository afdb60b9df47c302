/**
 * Builds the whole dataset: `npm run data` (see data/README.md). Options: --seed N (2015),
 * --scale N (fact tables ×N), --out DIR (data/), --no-geo, --departements 93,69,…, --if-missing.
 */
import fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { GeometryManifest, TableManifest } from '../src/catalogue';
import type { BuildContext } from './lib/context';
import { parseOptions, type BuildOptions } from './lib/options';
import { DEFAULT_BOUNDS, manifestComplete, writeManifest } from './manifest';

export async function buildAll(opts: BuildOptions): Promise<void> {
  const log = opts.quiet ? () => undefined : (m: string) => console.log(m);
  if (opts.ifMissing && manifestComplete(opts.outDir, opts.geo)) {
    log(`Données déjà présentes dans ${opts.outDir} (manifest.json complet) : rien à faire.`);
    return;
  }
  // Loaded only when there is work to do: `npm start` checks the data on every launch.
  const [
    { buildCases },
    { buildGeometry },
    { buildIndicators },
    { openDuck },
    { buildModel },
    { buildNonRecours },
    { buildServices },
    { buildTerritories },
  ] = await Promise.all([
    import('./cases.parquet'),
    import('./geo'),
    import('./indicators.parquet'),
    import('./lib/duck'),
    import('./lib/model'),
    import('./non_recours.parquet'),
    import('./services.parquet'),
    import('./territories.parquet'),
  ]);
  const start = Date.now();
  const lap = (label: string, t: number): void =>
    log(`${label} : ${((Date.now() - t) / 1000).toFixed(1)} s`);
  fs.mkdirSync(opts.outDir, { recursive: true });
  let t = Date.now();
  const model = buildModel(opts);
  lap(`Territoires (${model.communes.length} communes, ${model.qpv.length} QPV)`, t);
  const notes = [...model.notes];
  if (model.communesWithoutGeometry.length)
    notes.push(`Communes sans contour : ${model.communesWithoutGeometry.join(', ')}.`);
  if (opts.departements) notes.push(`Départements retenus : ${opts.departements.join(', ')}.`);
  const { db, conn } = await openDuck();
  const ctx: BuildContext = { opts, model, conn, log };
  const tables: TableManifest[] = [];
  try {
    for (const [name, loader] of [
      ['territories', buildTerritories],
      ['indicators', buildIndicators],
      ['cases', buildCases],
      ['non_recours', buildNonRecours],
      ['services', buildServices],
    ] as const) {
      t = Date.now();
      const m = await loader(ctx);
      tables.push(m);
      lap(`${name}.parquet (${m.rows} lignes, ${(m.bytes / 1e6).toFixed(2)} Mo)`, t);
    }
    let geometry: GeometryManifest[] = [];
    let bounds = DEFAULT_BOUNDS;
    if (opts.geo) {
      t = Date.now();
      const g = await buildGeometry(ctx);
      geometry = g.manifest;
      bounds = g.bounds;
      notes.push(...g.notes);
      lap('Géométries', t);
    }
    writeManifest(opts.outDir, {
      seed: opts.seed,
      scale: opts.scale,
      tables,
      geometry,
      bounds,
      notes,
    });
  } finally {
    conn.closeSync();
    db.closeSync();
  }
  for (const n of notes) log(`Note : ${n}`);
  lap(`Jeu de données écrit dans ${opts.outDir}`, start);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  buildAll(parseOptions(process.argv.slice(2))).catch((err: unknown) => {
    console.error(
      `Échec de la construction des données : ${err instanceof Error ? err.message : String(err)}`,
    );
    if (err instanceof Error && err.stack) console.error(err.stack);
    process.exitCode = 1;
  });
}
