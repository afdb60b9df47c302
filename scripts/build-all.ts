/**
 * Builds the whole published data set: `npm run data` (see data/README.md). Options: --seed N
 * (2015), --scale N (fact tables ×N), --out DIR (data/), --no-geo, --departements 93,69,…,
 * --if-missing, --interne DIR (also write the secret finest grain there, outside --out).
 *
 * Order: the reference geography (territories, populations, France services), the indicator
 * catalogue, the synthetic facts at the finest grain (DuckDB tables only, never written out),
 * then the publication step — cells, primary and secondary suppression decided jointly, exact
 * audit — which writes the only fact files a browser receives; geometry and manifest, then the
 * prebaked results of the entry views (scripts/prebake.ts, keyed by the manifest) last.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  TABLES,
  type GeometryManifest,
  type PublicationReport,
  type TableManifest,
} from '../src/catalogue';
import type { BuildContext } from './lib/context';
import { parseOptions, type BuildOptions } from './lib/options';
import { DEFAULT_BOUNDS, manifestComplete, writeManifest } from './manifest';

export async function buildAll(opts: BuildOptions): Promise<void> {
  const log = opts.quiet ? () => undefined : (m: string) => console.log(m);
  if (opts.ifMissing && manifestComplete(opts.outDir, opts.geo)) {
    // Data built by an earlier version: only the prebaked first views may need writing again.
    const { prebake, prebakedCurrent } = await import('./prebake');
    if (!prebakedCurrent(opts.outDir)) {
      log('Résultats précalculés absents ou périmés : nouveau précalcul des premières vues.');
      await prebake(opts.outDir, log);
    }
    log(`Données déjà présentes dans ${opts.outDir} (manifest.json complet) : rien à faire.`);
    return;
  }
  // A clone without ../shared: fetch the reference files, or stop with a French message.
  const { ensureGeodata } = await import('./lib/ensure-geodata');
  await ensureGeodata(log);
  // Loaded only when there is work to do: `npm start` checks the data on every launch.
  const [
    { buildGeometry },
    { buildIndicators },
    { openDuck, writeParquet },
    { buildModel },
    { buildPopulations },
    { buildServices },
    { buildTerritories },
    { casesProvenance, generateCasesGrain },
    { generateNonRecoursGrain, nonRecoursProvenance },
    { publishTable },
  ] = await Promise.all([
    import('./geo'),
    import('./indicators.parquet'),
    import('./lib/duck'),
    import('./lib/model'),
    import('./populations.parquet'),
    import('./services.parquet'),
    import('./territories.parquet'),
    import('./lib/facts/cases-grain'),
    import('./lib/facts/non-recours-grain'),
    import('./lib/publication/publish'),
  ]);
  // Each step's time, and beside it the CPU time of the whole process (DuckDB's threads included):
  // about equal when the step keeps one core busy, up to twice it on CI's two cores.
  const mark = (): { at: number; cpu: NodeJS.CpuUsage } => ({
    at: Date.now(),
    cpu: process.cpuUsage(),
  });
  const start = mark();
  const lap = (label: string, from: { at: number; cpu: NodeJS.CpuUsage }): void => {
    const cpu = process.cpuUsage(from.cpu);
    log(
      `${label} : ${((Date.now() - from.at) / 1000).toFixed(1)} s (CPU ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s)`,
    );
  };
  fs.mkdirSync(opts.outDir, { recursive: true });
  let t = mark();
  const model = buildModel(opts);
  lap(
    `Territoires (${model.communes.length} communes, ${model.qpv.length} QPV des deux listes)`,
    t,
  );
  const notes = [...model.notes];
  if (model.communesWithoutGeometry.length)
    notes.push(`Communes sans contour : ${model.communesWithoutGeometry.join(', ')}.`);
  if (opts.departements) notes.push(`Départements retenus : ${opts.departements.join(', ')}.`);
  const { db, conn } = await openDuck();
  const ctx: BuildContext = { opts, model, conn, log };
  const tables: TableManifest[] = [];
  const publication: PublicationReport[] = [];
  try {
    for (const [name, loader] of [
      ['territories', buildTerritories],
      ['indicators', buildIndicators],
      ['populations', buildPopulations],
      ['services', buildServices],
    ] as const) {
      t = mark();
      const m = await loader(ctx);
      tables.push(m);
      lap(`${name}.parquet (${m.rows} lignes, ${(m.bytes / 1e6).toFixed(2)} Mo)`, t);
    }
    t = mark();
    const grainCases = await generateCasesGrain(ctx);
    const grainNonRecours = await generateNonRecoursGrain(ctx);
    lap(`Faits synthétiques au grain fin (${grainCases} + ${grainNonRecours} lignes, internes)`, t);
    if (opts.internalDir) {
      // The finest grain is secret: written only on request, and never where data is served.
      const inside = path.relative(opts.outDir, opts.internalDir);
      if (!inside.startsWith('..') && !path.isAbsolute(inside))
        throw new Error(
          `Le dossier interne ${opts.internalDir} est dans le dossier publié ${opts.outDir} : le grain fin n’y est jamais écrit.`,
        );
      fs.mkdirSync(opts.internalDir, { recursive: true });
      for (const name of ['cases_grain', 'non_recours_grain'] as const)
        await writeParquet(conn, TABLES[name], path.join(opts.internalDir, `${name}.parquet`));
      log(`Grain fin interne écrit dans ${opts.internalDir} (usage interne — non diffusable).`);
    }
    for (const table of ['cases', 'non_recours'] as const) {
      t = mark();
      const stats = await publishTable(conn, table, log);
      const file = path.join(opts.outDir, `${table}.parquet`);
      const { rows, bytes } = await writeParquet(conn, TABLES[table], file);
      tables.push({
        name: table,
        file: `${table}.parquet`,
        rows,
        bytes,
        synthetic: true,
        provenance:
          table === 'cases'
            ? casesProvenance(opts.seed, opts.scale)
            : nonRecoursProvenance(opts.seed),
      });
      publication.push({
        table,
        levels: stats.levels,
        problems: stats.problems,
        disclosed: stats.disclosed,
      });
      lap(
        `${table}.parquet publié (${rows} cellules, ${(bytes / 1e6).toFixed(2)} Mo, ${stats.problems} problèmes de secret, audit : ${stats.disclosed} cellule recalculable)`,
        t,
      );
    }
    await conn.run('DROP TABLE IF EXISTS cases_grain; DROP TABLE IF EXISTS non_recours_grain');
    let geometry: GeometryManifest[] = [];
    let bounds = DEFAULT_BOUNDS;
    if (opts.geo) {
      t = mark();
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
      publication,
      references: [...model.references],
    });
  } finally {
    conn.closeSync();
    db.closeSync();
  }
  t = mark();
  const { prebake } = await import('./prebake');
  await prebake(opts.outDir, log);
  lap('Premières vues précalculées', t);
  for (const n of notes) log(`Note : ${n}`);
  lap(`Jeu de données publié dans ${opts.outDir}`, start);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  buildAll(parseOptions(process.argv.slice(2))).catch((err: unknown) => {
    console.error(
      `Échec de la construction des données : ${err instanceof Error ? err.message : String(err)}`,
    );
    if (err instanceof Error && err.stack && err.name !== 'ReferenceDataError')
      console.error(err.stack);
    process.exitCode = 1;
  });
}
