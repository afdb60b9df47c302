/**
 * `npm run bench`: the Explorer's speed in headless Chromium on the demo data.
 *
 * Builds dist/ only if it is missing, serves it with `vite preview`, opens the Carte view and
 * prints: engine start, first painted map, then p50/p95 over ≥ 30 repetitions of each interaction
 * (indicator, year, level, filter), timed in the page from the state change to the first complete
 * frame MapLibre renders after the new result was joined (the app's `onPainted`, read through
 * the `window.__observatoire` hook; MapLibre's `idle`, a frame later after a level switch, is
 * printed beside it). Repetitions cycle
 * through values, so the first pass of each value is a cold query and later passes hit the query
 * cache: both are reported. Each sample also reports when the GPU has drawn the first complete
 * frame with the new result (a WebGL2 fence: on software WebGL that is 50–300 ms after
 * that frame), and a row times repaints of the unchanged map, the floor under every
 * interaction. The next click waits 200–1000 ms (a fixed pseudo-random suite) after idle and that
 * frame. With the background warm-up on (default), each series starts once the view has warmed
 * the states one click away; `BENCH_WARMUP=0` measures without it. A last section compares the
 * two ways of joining values to the ~35,000 communes (feature-state vs a `match` expression).
 */
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Page } from 'playwright-core';
import { preview } from 'vite';
import { setJoin } from './bench-match-join';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const REPS = Number(process.env.BENCH_REPS ?? 30);
/** The `match` join re-tiles 35,000 communes each time: fewer repetitions keep the bench short. */
const JOIN_REPS = Number(process.env.BENCH_JOIN_REPS ?? 10);
/**
 * `BENCH_ONLY=niveau,filtre` runs only the series whose label starts with one of these words
 * (to iterate on one interaction); default all.
 */
const ONLY = (process.env.BENCH_ONLY ?? '')
  .split(',')
  .map((w) => w.trim())
  .filter((w) => w !== '');
const wanted = (label: string): boolean =>
  ONLY.length === 0 || ONLY.some((w) => label.toLowerCase().startsWith(w.toLowerCase()));
/** `BENCH_SAMPLES=1` prints every sample of a series (time split, warm-up running at the click). */
const SAMPLES = process.env.BENCH_SAMPLES === '1';
/** `BENCH_WARMUP=0` turns the background warm-up off: every first value is then a cold query. */
const WARMUP = process.env.BENCH_WARMUP !== '0';
/**
 * Pause after each sample once the GPU has drawn it, before the next click: drawn from
 * [BENCH_PAUSE_MS, BENCH_PAUSE_MAX_MS] with a fixed seed, so every run clicks at the same times.
 * At least 200 ms: software WebGL (SwiftShader) takes 50–150 ms of GPU time per map frame after
 * MapLibre's idle, and a click 30 ms after idle (the first version of this bench) waited for the
 * previous click's frame. Not a constant: with a fixed 200 ms every click landed ~300 ms after
 * the previous paint, when the view starts its background warm-up, so each sample met the
 * warm-up's first query (its CPU on one of the two cores) — a phase no user keeps. Set both to
 * the same value for a fixed pause.
 */
const PAUSE_MS = Number(process.env.BENCH_PAUSE_MS ?? 200);
const PAUSE_MAX_MS = Math.max(PAUSE_MS, Number(process.env.BENCH_PAUSE_MAX_MS ?? 1000));
/** Deterministic pauses (a 32-bit LCG from a fixed seed). */
let pauseSeed = 20151124;
function nextPause(): number {
  pauseSeed = (Math.imul(pauseSeed, 1664525) + 1013904223) >>> 0;
  return PAUSE_MS + Math.round((pauseSeed / 2 ** 32) * (PAUSE_MAX_MS - PAUSE_MS));
}
const ARGS = [
  '--no-sandbox',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

type Patch = Record<string, unknown>;
interface Sample {
  readonly ms: number;
  readonly cold: boolean;
  readonly t: Timing;
  /** The patch applied (JSON), for the per-value breakdown. */
  readonly key: string;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const a = srv.address();
      const port = typeof a === 'object' && a ? a.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return (s[lo] ?? NaN) + ((s[hi] ?? NaN) - (s[lo] ?? NaN)) * (pos - lo);
}

/**
 * In-page timing code, as text: tsx (esbuild keepNames) would wrap named inner functions in a
 * `__name` helper that does not exist in the page.
 */
/**
 * In-page helper, installed once: calls back with the time the GPU has carried out every WebGL
 * command issued so far (a WebGL2 fence, polled). Issued right after a MapLibre frame, it marks
 * that frame drawn — on software WebGL 50–300 ms after MapLibre's idle; checked against
 * Chromium traces, where it matches the end of the compositor's swap within a few ms.
 */
const GPU_DONE = `(() => {
  const gl = window.__observatoire.map.map.getCanvas().getContext('webgl2');
  window.__benchGpuDone = (cb) => {
    if (!gl) { cb(NaN); return; }
    const sync = gl.fenceSync(gl.SYNC_GPU_COMMANDS_COMPLETE, 0);
    gl.flush();
    const poll = () => {
      if (gl.getSyncParameter(sync, gl.SYNC_STATUS) === gl.SIGNALED) {
        gl.deleteSync(sync);
        cb(performance.now());
      } else setTimeout(poll, 1);
    };
    poll();
  };
})()`;

/** GPU time of a repaint of the unchanged map: the floor under every interaction's image. */
const TIME_REPAINT = `() => new Promise((resolve) => {
  const map = window.__observatoire.map.map;
  const t0 = performance.now();
  map.once('render', () => window.__benchGpuDone((t) => resolve({ total: t - t0, before: 0, join: 0, render: 0, shown: t - t0, idle: t - t0 })));
  map.triggerRepaint();
})`;

const TIME_CHANGE = `(p) => {
  const hook = window.__observatoire;
  const map = hook.map.map;
  const before = hook.carte.expectedKey;
  const frames = [];
  const onRender = () => {
    if (!map.areTilesLoaded()) return;
    const f = { at: performance.now(), shown: null };
    frames.push(f);
    window.__benchGpuDone((t) => { f.shown = t; });
  };
  map.on('render', onRender);
  const idles = [];
  const onIdle = () => idles.push(performance.now());
  map.on('idle', onIdle);
  const warming = hook.carte.warming === true;
  const t0 = performance.now();
  hook.carte.update(p);
  return new Promise((resolve, reject) => {
    const limit = t0 + 120000;
    const check = () => {
      const h = window.__observatoire;
      const key = h.carte.expectedKey;
      const m = h.map.painted;
      const done = key !== before && m.key === key && m.at >= t0;
      // The first complete frame drawn after the result was joined is the one the user sees.
      const first = done ? frames.find((f) => f.at >= m.appliedAt) : undefined;
      const idle = done ? idles.find((t) => t >= m.appliedAt) : undefined;
      if (first && first.shown !== null && idle !== undefined) {
        map.off('render', onRender);
        map.off('idle', onIdle);
        resolve({ total: m.at - t0, before: m.requestedAt - t0, join: m.appliedAt - m.requestedAt, render: m.at - m.appliedAt, shown: first.shown - t0, idle: idle - t0, warming });
      } else if (performance.now() > limit) {
        map.off('render', onRender);
        map.off('idle', onIdle);
        reject(new Error('pas de rendu pour ' + JSON.stringify(p)));
      } else setTimeout(check, 2);
    };
    check();
  });
}`;

interface Timing {
  /**
   * State change → the map has rendered its first complete frame of the new result (the app's
   * `onPainted`, when the view drops `aria-busy`).
   */
  readonly total: number;
  /** State change → join starts (query, React render, classification). */
  readonly before: number;
  /** Feature-state (or match) join. */
  readonly join: number;
  /** Join → first complete frame (tiles updated and frame rendered). */
  readonly render: number;
  /**
   * State change → MapLibre's `idle`: the same as `total` but after a style change (a level
   * switch), when MapLibre renders the frame a second time, and on software WebGL that second
   * frame waits for the GPU to finish the first.
   */
  readonly idle: number;
  /** State change → the GPU has drawn the first complete frame with the result. */
  readonly shown: number;
  /** Whether the background warm-up had queries queued or running at the click. */
  readonly warming?: boolean;
}

/** Applies a state patch in the page and resolves with ms until the map painted the new result. */
async function timeChange(page: Page, patch: Patch): Promise<Timing> {
  return page.evaluate(`(${TIME_CHANGE})(${JSON.stringify(patch)})`) as Promise<Timing>;
}

async function series(
  page: Page,
  label: string,
  patches: readonly Patch[],
  reset: Patch,
  reps = REPS,
): Promise<Sample[]> {
  await timeChange(page, reset).catch(() => undefined);
  if (WARMUP) {
    // The view warms the states one click away once a map has been shown for 300 ms: let it
    // finish, as a user reading the map would, before timing clicks.
    await page.waitForTimeout(400);
    await page.waitForFunction(
      () =>
        (window.__observatoire as { carte?: { warming?: boolean } } | undefined)?.carte?.warming ===
        false,
      null,
      { timeout: 300_000, polling: 20 },
    );
  }
  const seen = new Set<string>();
  const out: Sample[] = [];
  for (let i = 0; i < reps; i++) {
    const patch = patches[i % patches.length] ?? {};
    const key = JSON.stringify(patch);
    const t = await timeChange(page, patch);
    out.push({ ms: t.total, cold: !seen.has(key), t, key });
    if (SAMPLES)
      process.stdout.write(
        `    ${label} #${i + 1} ${key}: ${t.total.toFixed(0)} ms (avant ${t.before.toFixed(0)}, jointure ${t.join.toFixed(0)}, rendu ${t.render.toFixed(0)}, idle ${t.idle.toFixed(0)}, GPU ${t.shown.toFixed(0)})${t.warming ? ', préchauffage en cours' : ''}\n`,
      );
    seen.add(key);
    await page.waitForTimeout(nextPause());
  }
  process.stdout.write(`  ${label}: ${out.length} mesures\n`);
  return out;
}

/** Repaints of the unchanged map, each timed until the GPU has drawn it. */
async function repaints(page: Page, label: string, reps = REPS): Promise<Sample[]> {
  const out: Sample[] = [];
  for (let i = 0; i < reps; i++) {
    const t = (await page.evaluate(`(${TIME_REPAINT})()`)) as Timing;
    out.push({ ms: t.total, cold: false, t, key: 'trame' });
    await page.waitForTimeout(nextPause());
  }
  process.stdout.write(`  ${label}: ${out.length} mesures\n`);
  return out;
}

function row(label: string, s: readonly Sample[]): string[] {
  const all = s.map((x) => x.ms);
  const cold = s.filter((x) => x.cold).map((x) => x.ms);
  const warm = s.filter((x) => !x.cold).map((x) => x.ms);
  const f = (v: number): string => (Number.isFinite(v) ? v.toFixed(0) : '—');
  const shown = s.map((x) => x.t.shown);
  const idle = s.map((x) => x.t.idle);
  return [
    label,
    String(all.length),
    f(quantile(all, 0.5)),
    f(quantile(all, 0.95)),
    `${cold.length}: ${f(quantile(cold, 0.5))} / ${f(quantile(cold, 0.95))}`,
    `${warm.length}: ${f(quantile(warm, 0.5))} / ${f(quantile(warm, 0.95))}`,
    [s.map((x) => x.t.before), s.map((x) => x.t.join), s.map((x) => x.t.render)]
      .map((v) => f(quantile(v, 0.5)))
      .join(' / '),
    `${f(quantile(idle, 0.5))} / ${f(quantile(idle, 0.95))}`,
    `${f(quantile(shown, 0.5))} / ${f(quantile(shown, 0.95))}`,
    quantile(all, 0.95) <= 100 ? 'oui' : 'non',
    quantile(shown, 0.95) <= 100 ? 'oui' : 'non',
  ];
}

function printTable(header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]): string =>
    `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  console.log(line(header));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const r of rows) console.log(line(r));
}

async function main(): Promise<void> {
  if (!fs.existsSync(path.join(ROOT, 'dist', 'index.html'))) {
    console.log('dist/ absent : construction (npm run build)…');
    execSync('npm run build', { cwd: ROOT, stdio: 'inherit' });
  }
  if (!fs.existsSync(path.join(ROOT, 'dist', 'data', 'manifest.json'))) {
    throw new Error('dist/data/manifest.json absent : lancer `npm run data` puis `npm run build`.');
  }
  const manifest = JSON.parse(
    fs.readFileSync(path.join(ROOT, 'dist', 'data', 'manifest.json'), 'utf8'),
  ) as {
    title: string;
    geometry: { level: string; features: number }[];
  };
  const port = await freePort();
  const server = await preview({
    root: ROOT,
    configFile: path.join(ROOT, 'vite.config.ts'),
    logLevel: 'warn',
    preview: { host: '127.0.0.1', port, strictPort: true, open: false },
  });
  const origin = `http://127.0.0.1:${port}`;
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ARGS });
  try {
    const context = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      locale: 'fr-FR',
    });
    // Requests leaving the origin are listed, not intercepted: routing every request through
    // Playwright (the first version) sent each file through a round trip to this process and
    // slowed the start-up (0.2-0.4 s on the engine and first map). The browser tests check that
    // nothing leaves the origin.
    const external: string[] = [];
    context.on('request', (req) => {
      const url = req.url();
      if (!url.startsWith(origin) && !/^(data|blob):/.test(url)) external.push(url);
    });
    // Start-up marks taken in the page when the attributes change, not when a polling
    // `waitForFunction` sees them (which a busy page delays).
    await context.addInitScript(`(() => {
      const marks = (window.__benchMarks = {});
      new MutationObserver(() => {
        const el = document.getElementById('observatoire');
        if (!el) return;
        const state = el.getAttribute('data-engine-state');
        if (marks.ready === undefined && (state === 'ready' || state === 'failed')) marks.ready = performance.now();
        if (marks.complete === undefined && el.getAttribute('data-engine-complete') === 'true') marks.complete = performance.now();
      }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-engine-state', 'data-engine-complete'] });
    })()`);
    // The page publishes window.__observatoire only when asked (src/dev/test-hooks.ts).
    await context.addInitScript('window.__OBSERVATOIRE_TEST_HOOKS__ = true;');
    const page = await context.newPage();
    if (!WARMUP) await page.addInitScript('window.__OBSERVATOIRE_WARMUP__ = false;');
    console.log(`Préchauffage en arrière-plan : ${WARMUP ? 'oui' : 'non'}`);
    page.on('pageerror', (e) => console.error('page :', e.message));
    console.log(
      `Jeu : ${manifest.title} — ${manifest.geometry.map((g) => `${g.level} ${g.features}`).join(', ')}`,
    );
    await page.goto(`${origin}/?vue=carte`, { waitUntil: 'domcontentloaded' });
    await page.waitForFunction(
      () =>
        document.querySelector('[data-engine-state="ready"], [data-engine-state="failed"]') !==
        null,
      null,
      { timeout: 180_000, polling: 5 },
    );
    const mark = (name: 'ready' | 'complete'): Promise<number> =>
      page.evaluate(
        (n) =>
          (window as unknown as { __benchMarks: Record<string, number> }).__benchMarks[n] ?? NaN,
        name,
      );
    const engineMs = await mark('ready');
    await page.waitForFunction(
      () =>
        ((window.__observatoire as { map?: { painted: { count: number } } } | undefined)?.map
          ?.painted.count ?? 0) > 0,
      null,
      { timeout: 180_000 },
    );
    const firstPaint = await page.evaluate(
      () =>
        (window.__observatoire as unknown as { map: { painted: { at: number } } }).map.painted.at,
    );
    // The engine answers before `non_recours` is in (it loads in the background): the interaction
    // series start once every table is loaded, so no sample includes that wait.
    await page.waitForFunction(
      () => document.querySelector('[data-engine-complete="true"]') !== null,
      null,
      { timeout: 180_000, polling: 5 },
    );
    const completeMs = await mark('complete');
    console.log(`Démarrage du moteur (navigation → prêt) : ${engineMs.toFixed(0)} ms`);
    console.log(
      `Première carte peinte (navigation → première trame complète) : ${firstPaint.toFixed(0)} ms`,
    );
    console.log(
      `Toutes les tables chargées (navigation → non_recours prêt) : ${completeMs.toFixed(0)} ms`,
    );
    await page.evaluate(GPU_DONE);

    const years = Array.from({ length: 10 }, (_, i) => ({ year: 2015 + i }));
    const indicators = [
      'non_recours_taux',
      'reclamations',
      'non_recourants',
      'france_services',
      'france_services_taux',
      'reclamations_taux',
    ].map((indicator) => ({ indicator }));
    const levels = ['region', 'epci', 'commune', 'qpv', 'departement'].map((level) => ({ level }));
    // Claims are published one axis at a time: choosing a value on one axis clears the others,
    // as the filter controls do.
    const axis = (a: 'criterion' | 'domain' | 'channel', v: string) => ({
      criterion: null,
      domain: null,
      channel: null,
      [a]: v,
    });
    const filters = [
      axis('criterion', 'origine'),
      axis('criterion', 'handicap'),
      axis('domain', 'emploi_prive'),
      { territoryType: 'qpv' },
      { territoryType: 'rural' },
      axis('channel', 'plateforme_3928'),
      { criterion: null, domain: null, channel: null, territoryType: 'tous' },
    ];
    const base = {
      indicator: 'reclamations_taux',
      level: 'departement',
      year: 2024,
      criterion: null,
      domain: null,
      channel: null,
      territoryType: 'tous',
    };
    const results: [string, Sample[]][] = [];
    await timeChange(page, { ...base, year: 2023 }).catch(() => undefined);
    const plan: [string, () => Promise<Sample[]>][] = [
      ['Trame inchangée (départements)', () => repaints(page, 'trame inchangée')],
      [
        'Indicateur (départements)',
        () => series(page, 'indicateur', indicators, { ...base, year: 2023 }),
      ],
      [
        'Année (départements)',
        () => series(page, 'année', years, { ...base, year: 2023, indicator: 'non_recours_taux' }),
      ],
      ['Niveau (région…QPV)', () => series(page, 'niveau', levels, { ...base, year: 2022 })],
      ['Filtre (départements)', () => series(page, 'filtre', filters, { ...base, year: 2021 })],
      [
        'Année (communes)',
        () => series(page, 'année communes', years, { ...base, level: 'commune', year: 2023 }),
      ],
      ['Trame inchangée (communes)', () => repaints(page, 'trame inchangée communes')],
    ];
    for (const [label, run] of plan) if (wanted(label)) results.push([label, await run()]);

    // Join strategy on the communes: the same year changes, first with feature-state then match.
    const join: [string, Sample[]][] = [];
    for (const strategy of wanted('Communes') ? (['feature-state', 'match'] as const) : []) {
      await setJoin(page, strategy);
      join.push([
        `Communes, jointure ${strategy}`,
        await series(
          page,
          `jointure ${strategy}`,
          years,
          { ...base, level: 'commune', year: 2020 },
          JOIN_REPS,
        ),
      ]);
    }
    await setJoin(page, 'feature-state');

    console.log(
      `\nDurée du changement d’état jusqu’à la première trame complète du nouveau résultat (ms), ${REPS} répétitions :\n`,
    );
    printTable(
      [
        'Interaction',
        'n',
        'p50',
        'p95',
        'à froid n: p50 / p95',
        'en cache n: p50 / p95',
        'p50 requête+React / jointure / rendu',
        'idle p50 / p95',
        'trame dessinée (GPU) p50 / p95',
        'p95 ≤ 100 ms',
        'p95 ≤ 100 ms (GPU)',
      ],
      [...results, ...join].map(([l, s]) => row(l, s)),
    );
    console.log(
      '\n« à froid » = première fois qu’une valeur est demandée (requête DuckDB exécutée) ; ' +
        '« en cache » = requête déjà en cache (jointure + rendu seulement). Les lignes « jointure » ' +
        'rejouent des années déjà en cache pour comparer les deux jointures.\n' +
        'p50 / p95 = première trame complète du nouveau résultat rendue par MapLibre (toutes ' +
        'les tuiles chargées ; la vue quitte alors aria-busy) ; « idle » = événement idle de ' +
        'MapLibre, une trame plus tard après un changement de style (changement de niveau), ' +
        'trame identique qui attend que le GPU ait fini la première ; ' +
        '« trame dessinée (GPU) » = le GPU (ici logiciel, SwiftShader) a exécuté la première ' +
        'trame complète du nouveau résultat (barrière WebGL2). « Trame inchangée » = un simple ' +
        'réaffichage de la carte, plancher de chaque interaction. Pause entre deux clics, après idle ' +
        `et la trame dessinée : ${PAUSE_MS}–${PAUSE_MAX_MS} ms, tirée d’une suite fixe ` +
        '(BENCH_PAUSE_MS, BENCH_PAUSE_MAX_MS).',
    );
    // Where a p95 misses the target, which values cost it.
    for (const [label, s] of [...results, ...join]) {
      if (
        quantile(
          s.map((x) => x.ms),
          0.95,
        ) <= 100
      )
        continue;
      console.log(`\n${label} — par valeur (p50 / max, idle p50, GPU p50, à froid) :`);
      const keys = [...new Set(s.map((x) => x.key))];
      for (const key of keys) {
        const v = s.filter((x) => x.key === key);
        const ms = v.map((x) => x.ms);
        const cold = v.find((x) => x.cold);
        console.log(
          `  ${key} : ${v.length} × ${quantile(ms, 0.5).toFixed(0)} / ${Math.max(...ms).toFixed(0)} ms, ` +
            `idle ${quantile(
              v.map((x) => x.t.idle),
              0.5,
            ).toFixed(0)} ms, GPU ${quantile(
              v.map((x) => x.t.shown),
              0.5,
            ).toFixed(0)} ms${cold ? `, 1re fois ${cold.ms.toFixed(0)} ms` : ''}`,
        );
      }
    }
    if (external.length > 0)
      console.log(`\nRequêtes hors origine (non bloquées ici) : ${external.join(', ')}`);
    await context.close();
  } finally {
    await browser.close();
    await server.close();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
