/**
 * Where a new user waits: each measure opens a fresh context (no HTTP cache, no service worker
 * from a previous visit) and takes its marks in the page, in ms since navigation.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import {
  ROOT,
  freshContext,
  quantile,
  type ContextOptions,
  type Marks,
  type QueryCounts,
  type Served,
} from './harness';

const WAIT = { timeout: 300_000 };

/** DuckDB queries served in the page so far (provenance EXPLAINs apart). */
export const queryCounts = (page: Page): Promise<QueryCounts> =>
  page.evaluate(() => (window as unknown as { __benchQueries: QueryCounts }).__benchQueries);

const marks = (page: Page): Promise<Marks> =>
  page.evaluate(() => (window as unknown as { __benchMarks: Marks }).__benchMarks);

export interface Startup {
  /** Navigation → `data-engine-state` ready (the first tables answer). */
  readonly engineMs: number;
  /**
   * Navigation → the first complete map on screen: the poster's (the map prerendered into
   * index.html) or, without one, the live map's.
   */
  readonly firstMapMs: number;
  /** Navigation → the poster's first frame; NaN when the page showed none. */
  readonly posterMs: number;
  /** Navigation → MapLibre's first complete frame of the map (prebaked or live results). */
  readonly liveMapMs: number;
  /** Navigation → every table loaded (`data-engine-complete`). */
  readonly allTablesMs: number;
  /** Queries served until then. */
  readonly queries: QueryCounts;
}

/** Opens the Carte view in `page` and waits for the engine, the first map and every table. */
export async function openCarte(page: Page, origin: string): Promise<Startup> {
  await page.goto(`${origin}/?vue=carte`, { waitUntil: 'domcontentloaded' });
  await page.waitForFunction(
    () => (window as unknown as { __benchMarks: Marks }).__benchMarks.ready !== undefined,
    null,
    { ...WAIT, polling: 20 },
  );
  await page.waitForFunction(
    () =>
      ((window.__observatoire as { map?: { painted: { count: number } } } | undefined)?.map?.painted
        .count ?? 0) > 0,
    null,
    WAIT,
  );
  const liveMapMs = await page.evaluate(
    () => (window.__observatoire as unknown as { map: { painted: { at: number } } }).map.painted.at,
  );
  // Recorded by the poster's own inline script (src/map/poster-scripts.ts), before the live map.
  const posterMs = await page.evaluate(() => window.__OBSERVATOIRE_POSTER__?.paintedAt ?? NaN);
  await page.waitForFunction(
    () => (window as unknown as { __benchMarks: Marks }).__benchMarks.complete !== undefined,
    null,
    { ...WAIT, polling: 20 },
  );
  const m = await marks(page);
  return {
    engineMs: m.ready ?? NaN,
    firstMapMs: Number.isNaN(posterMs) ? liveMapMs : Math.min(posterMs, liveMapMs),
    posterMs,
    liveMapMs,
    allTablesMs: m.complete ?? NaN,
    queries: await queryCounts(page),
  };
}

/**
 * Navigation → the view is complete for a new user (`aria-busy` cleared everywhere, no
 * « calcul en cours », its figures there): `/?vue=sites` or `/?vue=rapport`.
 */
export async function viewComplete(
  s: Served,
  opts: ContextOptions,
  view: 'sites' | 'rapport',
): Promise<{ ms: number; queries: QueryCounts }> {
  const { context } = await freshContext(s, opts);
  try {
    const page = await context.newPage();
    page.on('pageerror', (e) => console.error(`page (${view}) :`, e.message));
    await page.goto(`${s.origin}/?vue=${view}`, { waitUntil: 'domcontentloaded' });
    await page.waitForFunction(
      (v) => {
        const m = (window as unknown as { __benchMarks: Marks }).__benchMarks;
        return m.view !== undefined && m.viewName === v;
      },
      view,
      { ...WAIT, polling: 50 },
    );
    return { ms: (await marks(page)).view ?? NaN, queries: await queryCounts(page) };
  } finally {
    await context.close();
  }
}

/** Each figure's median over several starts (NaN when no start had it); the last start's queries. */
export function medianStartup(runs: readonly Startup[]): Startup {
  const last = runs.at(-1);
  if (!last) throw new Error('aucun démarrage mesuré');
  const m = (f: (r: Startup) => number): number =>
    quantile(runs.map(f).filter(Number.isFinite), 0.5);
  return {
    engineMs: m((r) => r.engineMs),
    firstMapMs: m((r) => r.firstMapMs),
    posterMs: m((r) => r.posterMs),
    liveMapMs: m((r) => r.liveMapMs),
    allTablesMs: m((r) => r.allTablesMs),
    queries: last.queries,
  };
}

/** Median and every value of a yardstick. */
export interface Yardstick {
  readonly median: number;
  readonly all: number[];
}

/** Median and every value of `values`. */
const yardstick = (values: number[]): Yardstick => ({ median: quantile(values, 0.5), all: values });

/** `viewComplete` in `n` fresh contexts: the median and every value, the last one's queries. */
export async function viewCompletes(
  s: Served,
  opts: ContextOptions,
  view: 'sites' | 'rapport',
  n: number,
): Promise<{ complete: Yardstick; queries: QueryCounts }> {
  const all: number[] = [];
  let queries: QueryCounts | null = null;
  for (let i = 0; i < n; i++) {
    const r = await viewComplete(s, opts, view);
    all.push(r.ms);
    queries = r.queries;
  }
  if (!queries) throw new Error('aucune mesure de la vue');
  return { complete: yardstick(all), queries };
}

/** The built DuckDB `eh` wasm (hashed name under dist/assets), as the app fetches it. */
function ehWasmUrl(): string {
  const name = fs
    .readdirSync(path.join(ROOT, 'dist', 'assets'))
    .find((f) => /^duckdb-eh.*\.wasm$/.test(f));
  if (!name) throw new Error('dist/assets/duckdb-eh-*.wasm introuvable : lancer `npm run build`.');
  return `/assets/${name}`;
}

/** The page of the from-navigation yardstick: nothing but the compile, started while parsing. */
const COMPILE_PAGE = '/__bench-compile.html';

/** `measure` in a fresh page of its own context (no HTTP cache, no code cache, no service worker). */
async function inFreshPage(s: Served, measure: (page: Page) => Promise<number>): Promise<number> {
  const { context } = await freshContext(s, { serviceWorkers: false, dataRoot: null });
  try {
    return await measure(await context.newPage());
  } finally {
    await context.close();
  }
}

/**
 * The yardstick, « the engine's wasm alone compiled in the same browser », measured two
 * ways, median of `runs` fresh pages each:
 * - `call`: fetch + `WebAssembly.compileStreaming` of DuckDB's eh wasm, timed from the call, in
 *   a page already loaded;
 * - `fromNavigation`: ms since navigation, as every start-up figure, in a page whose only
 *   content is an inline script that starts the same compile while the HTML is parsed (served
 *   by the bench, not part of the app).
 */
export async function wasmCompile(
  s: Served,
  runs = 3,
): Promise<{ call: Yardstick; fromNavigation: Yardstick }> {
  const url = ehWasmUrl();
  const html =
    '<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>compilation</title>' +
    `<script>WebAssembly.compileStreaming(fetch(${JSON.stringify(url)},{cache:'no-store'}))` +
    '.then(function(){window.__compiledAt=performance.now()})</script></head><body></body></html>';
  const fromCall = async (page: Page): Promise<number> => {
    // A small file of the origin, not the app: nothing else runs in the page.
    await page.goto(`${s.origin}/data/manifest.json`);
    return page.evaluate(async (u) => {
      const t0 = performance.now();
      await WebAssembly.compileStreaming(fetch(u, { cache: 'no-store' }));
      return performance.now() - t0;
    }, url);
  };
  const fromPageLoad = async (page: Page): Promise<number> => {
    await page.route(`${s.origin}${COMPILE_PAGE}`, (route) =>
      route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }),
    );
    await page.goto(`${s.origin}${COMPILE_PAGE}`);
    await page.waitForFunction('window.__compiledAt !== undefined', null, { ...WAIT, polling: 20 });
    return (await page.evaluate('window.__compiledAt')) as number;
  };
  // Alternated, so that both see the same moments of a shared machine.
  const call: number[] = [];
  const nav: number[] = [];
  for (let i = 0; i < runs; i++) {
    call.push(await inFreshPage(s, fromCall));
    nav.push(await inFreshPage(s, fromPageLoad));
  }
  return { call: yardstick(call), fromNavigation: yardstick(nav) };
}
