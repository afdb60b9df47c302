/**
 * The interaction series: a state patch applied through the Carte view's hook, timed in the page
 * until the first complete frame MapLibre renders after the new result was joined (the app's
 * `onPainted`), MapLibre's idle, and the GPU having drawn that frame (a WebGL2 fence). Repetitions
 * cycle through values: the first pass of each value is a cold query, later ones hit the cache.
 */
import type { Page } from 'playwright-core';
import { ms as f, quantile } from './harness';
export const REPS = Number(process.env.BENCH_REPS ?? 30);
/** The `match` join re-tiles 35,000 communes each time: fewer repetitions keep the bench short. */
export const JOIN_REPS = Number(process.env.BENCH_JOIN_REPS ?? 10);
/**
 * `BENCH_ONLY=niveau,filtre` runs only the series whose label starts with one of these words
 * (to iterate on one interaction); default all.
 */
const ONLY = (process.env.BENCH_ONLY ?? '')
  .split(',')
  .map((w) => w.trim())
  .filter((w) => w !== '');
export const wanted = (label: string): boolean =>
  ONLY.length === 0 || ONLY.some((w) => label.toLowerCase().startsWith(w.toLowerCase()));
/** `BENCH_SAMPLES=1` prints every sample of a series (time split, warm-up running at the click). */
const SAMPLES = process.env.BENCH_SAMPLES === '1';
/** `BENCH_WARMUP=0` turns the background warm-up off: every first value is then a cold query. */
export const WARMUP = process.env.BENCH_WARMUP !== '0';
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
export const PAUSE_MS = Number(process.env.BENCH_PAUSE_MS ?? 200);
export const PAUSE_MAX_MS = Math.max(PAUSE_MS, Number(process.env.BENCH_PAUSE_MAX_MS ?? 1000));
/** Deterministic pauses (a 32-bit LCG from a fixed seed). */
let pauseSeed = 20151124;
function nextPause(): number {
  pauseSeed = (Math.imul(pauseSeed, 1664525) + 1013904223) >>> 0;
  return PAUSE_MS + Math.round((pauseSeed / 2 ** 32) * (PAUSE_MAX_MS - PAUSE_MS));
}

export type Patch = Record<string, unknown>;
export interface Sample {
  readonly ms: number;
  readonly cold: boolean;
  readonly t: Timing;
  /** The patch applied (JSON), for the per-value breakdown. */
  readonly key: string;
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
export const GPU_DONE = `(() => {
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

export interface Timing {
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
export async function timeChange(page: Page, patch: Patch): Promise<Timing> {
  return page.evaluate(`(${TIME_CHANGE})(${JSON.stringify(patch)})`) as Promise<Timing>;
}

export async function series(
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
    // Then the communes' geometry, which the view loads hidden once the warm-up has drained
    // (a build before that preload has no `levelReady`: nothing to wait for).
    await page.waitForFunction(
      () => {
        const c = (
          window.__observatoire as
            { map?: { controller?: { levelReady?: (l: string) => boolean } | null } } | undefined
        )?.map?.controller;
        return typeof c?.levelReady !== 'function' || c.levelReady('commune');
      },
      null,
      { timeout: 300_000, polling: 50 },
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
export async function repaints(page: Page, label: string, reps = REPS): Promise<Sample[]> {
  const out: Sample[] = [];
  for (let i = 0; i < reps; i++) {
    const t = (await page.evaluate(`(${TIME_REPAINT})()`)) as Timing;
    out.push({ ms: t.total, cold: false, t, key: 'trame' });
    await page.waitForTimeout(nextPause());
  }
  process.stdout.write(`  ${label}: ${out.length} mesures\n`);
  return out;
}

export function row(label: string, s: readonly Sample[], target = 100): string[] {
  const all = s.map((x) => x.ms);
  const cold = s.filter((x) => x.cold).map((x) => x.ms);
  const warm = s.filter((x) => !x.cold).map((x) => x.ms);
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
    quantile(all, 0.95) <= target ? 'oui' : 'non',
    quantile(shown, 0.95) <= target ? 'oui' : 'non',
  ];
}
