/**
 * `npm run bench`: where people wait in the built app, in headless Chromium (SwiftShader).
 *
 * Builds dist/ only if it is missing and serves it with `vite preview`. Then, each in a fresh
 * context (a new user): the time to fetch and compile DuckDB's wasm alone (the yardstick: the
 * first map should paint before it), timed from the call and, as the start-up figures, from the
 * navigation of a page that does nothing else; the Carte view's engine ready, first painted map
 * and every table loaded; the interactions' p50/p95 (indicator, year, level, filter, commune
 * years), timed in the page from the state change to the first complete frame MapLibre renders
 * with the new result (scripts/bench/series.ts); the Sites view and the report complete (`aria-busy` cleared,
 * figures there). Prints text and one JSON line (`BENCH_JSON …`, also appended to
 * `BENCH_JSON_FILE`), with the load average beside the figures (the machine is shared).
 *
 * Each start-up figure is the median of `BENCH_STARTS` (default 3) fresh starts, every value
 * printed, as the compile yardstick is the median of 3: a single start varied twofold from run
 * to run (the first app page of the browser also pays software rendering's one-time costs).
 *
 * `BENCH_SCALE=250` (or `-- --scale 250`): the same on the pipeline's ×250 tables, built once
 * into data-scale/ (4.2 M published cells, not 10 M: published cells are bounded by the
 * dimensions' cross product, not by the scale; non_recours is full at ×1), with the same SQL
 * run raw through the app's connector beside each interaction, and the engine's memory. Other
 * knobs: `BENCH_SW=0` (no service worker), `BENCH_VIEWS=0` (no Sites/report), `BENCH_WARMUP=0`,
 * `BENCH_SAMPLES=1`, `BENCH_ONLY=niveau,…`, `BENCH_REPS`, `BENCH_PAUSE_MS`/`BENCH_PAUSE_MAX_MS`
 * (see scripts/bench/series.ts), `BENCH_STARTS`.
 */
import { execSync } from 'node:child_process';
import type { Page } from 'playwright-core';
import fs from 'node:fs';
import path from 'node:path';
import {
  BENCH_DATA_PREFIX,
  ROOT,
  freshContext,
  loadAverage,
  serve,
  type ContextOptions,
} from './bench/harness';
import { BASE, runJoins, runPlan } from './bench/plan';
import { printMemory, printRaw, printSeries, printWaits, writeJson } from './bench/report';
import { ensureScaleData, factRows, mapSql, memory, rawTimes, scaleOption } from './bench/scale';
import { GPU_DONE, REPS, WARMUP, timeChange } from './bench/series';
import {
  medianStartup,
  openCarte,
  viewCompletes,
  wasmCompile,
  type Startup,
} from './bench/startup';

/** Fresh starts per start-up figure (Carte, Sites, the report); each figure is their median. */
const STARTS = Math.max(1, Number(process.env.BENCH_STARTS ?? 3));

async function main(): Promise<void> {
  const scale = scaleOption(process.argv.slice(2));
  if (!fs.existsSync(path.join(ROOT, 'dist', 'index.html'))) {
    console.log('dist/ absent : construction (npm run build)…');
    execSync('npm run build', { cwd: ROOT, stdio: 'inherit' });
  }
  if (!fs.existsSync(path.join(ROOT, 'dist', 'data', 'manifest.json')))
    throw new Error('dist/data/manifest.json absent : lancer `npm run data` puis `npm run build`.');
  const dataDir = scale === null ? path.join(ROOT, 'data') : ensureScaleData(scale);
  const s = await serve(scale === null ? null : dataDir);
  const opts: ContextOptions = {
    serviceWorkers: process.env.BENCH_SW !== '0',
    dataRoot: scale === null ? null : BENCH_DATA_PREFIX,
  };
  console.log(
    `Jeu : ${scale === null ? 'démonstration' : `×${scale}`} (${factRows(dataDir)}) ; ` +
      `service worker : ${opts.serviceWorkers ? 'oui' : 'non'} ; préchauffage : ${WARMUP ? 'oui' : 'non'} ; charge ${loadAverage()}`,
  );
  try {
    const compile = await wasmCompile(s);
    // The interactions run on the last start's page.
    const starts: Startup[] = [];
    let fresh: Awaited<ReturnType<typeof freshContext>> | null = null;
    let page: Page | null = null;
    for (let i = 0; i < STARTS; i++) {
      await fresh?.context.close();
      fresh = await freshContext(s, opts);
      page = await fresh.context.newPage();
      if (!WARMUP) await page.addInitScript('window.__OBSERVATOIRE_WARMUP__ = false;');
      page.on('pageerror', (e) => console.error('page :', e.message));
      starts.push(await openCarte(page, s.origin));
    }
    if (!fresh || !page) throw new Error('aucun démarrage mesuré');
    const { context, external } = fresh;
    const startup = medianStartup(starts);
    console.log(
      `Moteur prêt ${startup.engineMs.toFixed(0)} ms, première carte ${startup.firstMapMs.toFixed(0)} ms ` +
        `(affiche ${Number.isNaN(startup.posterMs) ? 'absente' : `${startup.posterMs.toFixed(0)} ms`}, carte MapLibre ${startup.liveMapMs.toFixed(0)} ms), ` +
        `toutes les tables ${startup.allTablesMs.toFixed(0)} ms (compilation du wasm seule ${compile.call.median.toFixed(0)} ms, ${compile.fromNavigation.median.toFixed(0)} ms depuis la navigation ; charge ${loadAverage()})`,
    );
    await page.evaluate(GPU_DONE);
    await timeChange(page, { ...BASE, year: 2023 }).catch(() => undefined);
    const planned = await runPlan(page);
    const joins = await runJoins(page);
    const raw: Record<string, number[]> = {};
    let mem = null;
    if (scale !== null) {
      for (const [step] of planned) {
        if (step.patches === null) continue;
        const sqls = step.patches.map((p) => mapSql({ ...step.reset, ...p }));
        raw[step.label] = await rawTimes(page, sqls, REPS);
      }
      mem = await memory(page, await context.newCDPSession(page));
    }
    await context.close();
    const views = process.env.BENCH_VIEWS !== '0';
    const sites = views ? await viewCompletes(s, opts, 'sites', STARTS) : null;
    const rapport = views ? await viewCompletes(s, opts, 'rapport', STARTS) : null;
    const run = {
      when: new Date().toISOString(),
      load: loadAverage(),
      scale,
      data: factRows(dataDir),
      serviceWorker: opts.serviceWorkers,
      warmUp: WARMUP,
      wasmCompileMs: compile.call,
      wasmCompileFromNavigationMs: compile.fromNavigation,
      startup,
      starts,
      sites: sites?.complete ?? null,
      rapport: rapport?.complete ?? null,
      queries: { startup: startup.queries, sites: sites?.queries, rapport: rapport?.queries },
      series: [
        ...planned.map(([step, samples]) => [step.label, samples] as [string, typeof samples]),
        ...joins,
      ],
      raw,
      memory: mem,
      target: scale === null ? 100 : 150,
    };
    printWaits(run);
    printSeries(run);
    printRaw(run);
    printMemory(mem);
    if (external.length > 0)
      console.log(`\nRequêtes hors origine (non bloquées ici) : ${external.join(', ')}`);
    writeJson(run);
  } finally {
    await s.close();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
