/**
 * What the bench prints: where people wait (start-up, Sites, report) against the wasm-compile
 * yardstick, the interaction table, where a p95 misses, raw SQL beside the app (scale mode),
 * memory, and one JSON line per run (stdout with the `BENCH_JSON ` prefix, and appended to the
 * file named by `BENCH_JSON_FILE` if set).
 */
import fs from 'node:fs';
import { ms, printTable, quantile, type QueryCounts } from './harness';
import type { Memory } from './scale';
import { PAUSE_MAX_MS, PAUSE_MS, REPS, row, type Sample } from './series';
import type { Startup, Yardstick } from './startup';

export interface Run {
  readonly when: string;
  readonly load: string;
  readonly scale: number | null;
  readonly data: string;
  readonly serviceWorker: boolean;
  readonly warmUp: boolean;
  /** The compile alone, timed from the call (scripts/bench/startup.ts `wasmCompile`). */
  readonly wasmCompileMs: Yardstick;
  /** The compile alone in a page of its own, from navigation, as the start-up figures. */
  readonly wasmCompileFromNavigationMs: Yardstick;
  /** Medians of `starts`. */
  readonly startup: Startup;
  readonly starts: readonly Startup[];
  /** Sites and the report complete, over fresh starts; null when not measured. */
  readonly sites: Yardstick | null;
  readonly rapport: Yardstick | null;
  /** DuckDB queries served until each mark, provenance EXPLAINs apart. */
  readonly queries: Record<string, QueryCounts | undefined>;
  readonly series: [string, Sample[]][];
  /** Per series label: in-page times of the same SQL run raw through the connector. */
  readonly raw: Record<string, number[]>;
  readonly memory: Memory | null;
  readonly target: number;
}

const ratio = (a: number, b: number): string =>
  Number.isFinite(a) && Number.isFinite(b) && b > 0 ? `${(a / b).toFixed(2)}×` : '—';

const each = (values: readonly number[]): string => values.map(ms).join(', ');

const STARTUP_ROWS: readonly [string, (s: Startup) => number][] = [
  ['Moteur prêt', (s) => s.engineMs],
  ['Première carte peinte', (s) => s.firstMapMs],
  ['  dont affiche (index.html)', (s) => s.posterMs],
  ['  dont carte MapLibre', (s) => s.liveMapMs],
  ['Toutes les tables chargées', (s) => s.allTablesMs],
];

export function printWaits(r: Run): void {
  const c = r.wasmCompileMs.median;
  const n = r.wasmCompileFromNavigationMs.median;
  /** A row: the median, its ratios to both yardsticks, every value. */
  const waitRow = (label: string, median: number, all: readonly number[]): string[] => [
    label,
    ms(median),
    ratio(median, c),
    ratio(median, n),
    each(all),
  ];
  const yardstickRow = (label: string, y: Yardstick): string[] => [
    label,
    ms(y.median),
    '',
    '',
    each(y.all),
  ];
  console.log(`\nOù l’on attend (ms depuis la navigation, nouveau visiteur ; charge ${r.load}) :`);
  printTable(
    [
      'Étape',
      'ms (médiane)',
      '÷ compilation (appel)',
      '÷ compilation (depuis la navigation)',
      'chaque mesure',
    ],
    [
      yardstickRow('Compilation du wasm DuckDB (eh) seule, durée de l’appel', r.wasmCompileMs),
      yardstickRow(
        'Compilation du wasm seule, depuis la navigation',
        r.wasmCompileFromNavigationMs,
      ),
      ...STARTUP_ROWS.map(([label, f]) => waitRow(label, f(r.startup), r.starts.map(f))),
      waitRow('Sites complet', r.sites?.median ?? NaN, r.sites?.all ?? []),
      waitRow('Rapport complet', r.rapport?.median ?? NaN, r.rapport?.all ?? []),
    ],
  );
  const yes = (b: boolean): string => (b ? 'oui' : 'non');
  const first = r.startup.firstMapMs;
  const sites = r.sites?.median ?? Infinity;
  console.log(
    `Première carte avant la compilation seule : ${yes(first < n)} depuis la navigation, ${yes(first < c)} contre la durée de l’appel ; ` +
      `Sites ≤ 3 × compilation : ${yes(sites <= 3 * n)} depuis la navigation, ${yes(sites <= 3 * c)} contre la durée de l’appel.`,
  );
  const served = Object.entries(r.queries)
    .filter((e): e is [string, QueryCounts] => e[1] !== undefined)
    .map(
      ([k, q]) =>
        `${k} ${q.other} requêtes (${ms(q.otherMs)} ms de worker) + ${q.explain} EXPLAIN de provenance (${ms(q.explainMs)} ms)`,
    );
  console.log(`Requêtes DuckDB servies jusqu’à la marque : ${served.join(' ; ')}.`);
}

export function printSeries(r: Run): void {
  if (r.series.length === 0) return;
  console.log(
    `\nDurée du changement d’état jusqu’à la première trame complète du nouveau résultat (ms), ${REPS} répétitions (charge ${r.load}) :\n`,
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
      `p95 ≤ ${r.target} ms`,
      `p95 ≤ ${r.target} ms (GPU)`,
    ],
    r.series.map(([l, s]) => row(l, s, r.target)),
  );
  console.log(
    '\n« à froid » = première fois qu’une valeur est demandée (requête DuckDB exécutée) ; ' +
      '« en cache » = requête déjà en cache (jointure + rendu seulement). Les lignes « jointure » ' +
      'rejouent des années déjà en cache pour comparer les deux jointures.\n' +
      'p50 / p95 = première trame complète du nouveau résultat rendue par MapLibre (toutes ' +
      'les tuiles chargées ; la vue quitte alors aria-busy) ; « idle » = événement idle de ' +
      'MapLibre, une trame plus tard après un changement de style (changement de niveau) ; ' +
      '« trame dessinée (GPU) » = le GPU (ici logiciel, SwiftShader) a exécuté la première ' +
      'trame complète du nouveau résultat (barrière WebGL2). « Trame inchangée » = un simple ' +
      'réaffichage de la carte, plancher de chaque interaction. Pause entre deux clics, après idle ' +
      `et la trame dessinée : ${PAUSE_MS}–${PAUSE_MAX_MS} ms, tirée d’une suite fixe ` +
      '(BENCH_PAUSE_MS, BENCH_PAUSE_MAX_MS).',
  );
  // Where a p95 misses the target, which values cost it.
  for (const [label, s] of r.series) {
    if (
      quantile(
        s.map((x) => x.ms),
        0.95,
      ) <= r.target
    )
      continue;
    console.log(`\n${label} — par valeur (p50 / max, idle p50, GPU p50, à froid) :`);
    for (const key of new Set(s.map((x) => x.key))) {
      const v = s.filter((x) => x.key === key);
      const t = v.map((x) => x.ms);
      const cold = v.find((x) => x.cold);
      const p50 = (k: 'idle' | 'shown'): string =>
        ms(
          quantile(
            v.map((x) => x.t[k]),
            0.5,
          ),
        );
      console.log(
        `  ${key} : ${v.length} × ${ms(quantile(t, 0.5))} / ${ms(Math.max(...t))} ms, ` +
          `idle ${p50('idle')} ms, GPU ${p50('shown')} ms${cold ? `, 1re fois ${ms(cold.ms)} ms` : ''}`,
      );
    }
  }
}

/** The app's time (cold values: a query ran) beside the same SQL run raw, with the ratio. */
export function printRaw(r: Run): void {
  const rows = r.series
    .filter(([l]) => r.raw[l] !== undefined)
    .map(([l, s]) => {
      const raw = r.raw[l] ?? [];
      const cold = s.filter((x) => x.cold).map((x) => x.ms);
      const all = s.map((x) => x.ms);
      // State change → the result is in the view, classified, about to be joined: the query
      // through the app's coordinator and hook, React's render and the classes, no map work.
      const before = s.filter((x) => x.cold).map((x) => x.t.before);
      const r95 = quantile(raw, 0.95);
      return [
        l,
        `${ms(quantile(all, 0.5))} / ${ms(quantile(all, 0.95))}`,
        `${ms(quantile(cold, 0.5))} / ${ms(quantile(cold, 0.95))}`,
        `${ms(quantile(before, 0.5))} / ${ms(quantile(before, 0.95))}`,
        `${ms(quantile(raw, 0.5))} / ${ms(r95)}`,
        ratio(quantile(all, 0.95), r95),
        ratio(quantile(cold, 0.95), r95),
        ratio(quantile(before, 0.95), r95),
      ];
    });
  if (rows.length === 0) return;
  console.log(
    '\nMême SQL exécuté brut sur DuckDB-WASM dans la page (connecteur de l’app, sans cache), ms.' +
      ' « app » = changement d’état → première trame complète (requête, React, jointure, rendu de la carte) ;' +
      ' « requête app » = changement d’état → résultat prêt à joindre (requête par le coordinateur, React, classes), à froid :',
  );
  printTable(
    [
      'Interaction',
      'app p50 / p95',
      'app à froid p50 / p95',
      'requête app à froid p50 / p95',
      'SQL brut p50 / p95',
      'app p95 / brut p95',
      'app à froid p95 / brut p95',
      'requête app à froid p95 / brut p95',
    ],
    rows,
  );
}

export function printMemory(m: Memory | null): void {
  if (!m) return;
  const mb = (v: number): string => (Number.isFinite(v) ? `${v.toFixed(0)} Mo` : '—');
  console.log(
    `\nMémoire : tas JS de la page ${mb(m.jsHeapMb)} (ArrayBuffer ${mb(m.pageBuffersMb)}) ; ` +
      `DuckDB (duckdb_memory(), dans la mémoire wasm du worker) ${mb(m.duckdbMb)}, ` +
      `PRAGMA database_size ${mb(m.databaseMb)}.`,
  );
}

const summary = (s: readonly Sample[]): Record<string, number> => {
  const all = s.map((x) => x.ms);
  const cold = s.filter((x) => x.cold).map((x) => x.ms);
  const round = (v: number): number => Math.round(v * 10) / 10;
  return {
    n: all.length,
    p50: round(quantile(all, 0.5)),
    p95: round(quantile(all, 0.95)),
    coldP95: round(quantile(cold, 0.95)),
    coldQueryP95: round(
      quantile(
        s.filter((x) => x.cold).map((x) => x.t.before),
        0.95,
      ),
    ),
    gpuP95: round(
      quantile(
        s.map((x) => x.t.shown),
        0.95,
      ),
    ),
  };
};

/** One JSON line for the run: stdout (prefixed) and BENCH_JSON_FILE if set. */
export function writeJson(r: Run): void {
  const raw = Object.fromEntries(
    Object.entries(r.raw).map(([k, v]) => [
      k,
      { p50: Math.round(quantile(v, 0.5)), p95: Math.round(quantile(v, 0.95)) },
    ]),
  );
  const line = JSON.stringify({
    when: r.when,
    load: r.load,
    scale: r.scale,
    data: r.data,
    serviceWorker: r.serviceWorker,
    warmUp: r.warmUp,
    wasmCompileMs: Math.round(r.wasmCompileMs.median),
    wasmCompileFromNavigationMs: Math.round(r.wasmCompileFromNavigationMs.median),
    engineReadyMs: Math.round(r.startup.engineMs),
    firstMapMs: Math.round(r.startup.firstMapMs),
    posterMs: Number.isNaN(r.startup.posterMs) ? null : Math.round(r.startup.posterMs),
    liveMapMs: Math.round(r.startup.liveMapMs),
    allTablesMs: Math.round(r.startup.allTablesMs),
    sitesCompleteMs: r.sites && Math.round(r.sites.median),
    rapportCompleteMs: r.rapport && Math.round(r.rapport.median),
    sitesOverCompile: r.sites && Math.round((r.sites.median / r.wasmCompileMs.median) * 100) / 100,
    sitesOverCompileFromNavigation:
      r.sites && Math.round((r.sites.median / r.wasmCompileFromNavigationMs.median) * 100) / 100,
    // Every start behind the medians above.
    starts: {
      wasmCompileMs: r.wasmCompileMs.all.map(Math.round),
      wasmCompileFromNavigationMs: r.wasmCompileFromNavigationMs.all.map(Math.round),
      posterMs: r.starts.map((s) => (Number.isNaN(s.posterMs) ? null : Math.round(s.posterMs))),
      engineReadyMs: r.starts.map((s) => Math.round(s.engineMs)),
      liveMapMs: r.starts.map((s) => Math.round(s.liveMapMs)),
      sitesCompleteMs: (r.sites?.all ?? []).map(Math.round),
      rapportCompleteMs: (r.rapport?.all ?? []).map(Math.round),
    },
    queries: r.queries,
    interactions: Object.fromEntries(r.series.map(([l, s]) => [l, summary(s)])),
    raw,
    memory: r.memory,
  });
  console.log(`\nBENCH_JSON ${line}`);
  const file = process.env.BENCH_JSON_FILE;
  if (file) fs.appendFileSync(file, `${line}\n`);
}
