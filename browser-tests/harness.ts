/**
 * Real-browser test harness. Serves the built `dist/` with Vite's preview server on a free port,
 * drives Debian's Chromium through playwright-core (never a downloaded browser), and watches every
 * page: a request that leaves the server's origin is blocked and recorded (the app must work
 * offline), console errors and uncaught exceptions are collected.
 *
 * Usage in a `browser-tests/*.spec.ts` file (node:test):
 *
 *   after(closeHarness);
 *   test('…', async () => {
 *     const app = await openApp('/?vue=donnees', { fixtures: true });
 *     await waitForEngine(app.page);
 *     …
 *     assertNoExternalRequests(app);
 *     await app.close();
 *   });
 *
 * The server and the browser start on the first `openApp` and are shared by the file; each
 * `openApp` gets a fresh browser context (no cache, no storage from other tests).
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type Page,
  type Route,
} from 'playwright-core';
import { preview, type PreviewServer } from 'vite';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Flags that work on this Debian machine (WebGL through SwiftShader for MapLibre).
 * `--disable-gpu-compositing`: the page is composited by Skia's software rasteriser instead of
 * SwiftShader's emulated GPU; WebGL (the maps) still goes through SwiftShader. Measured on three
 * page starts on the fixtures: the GPU process went from ~10 to ~2.5 CPU-seconds and the run's
 * CPU from ~43 to ~35 s; pixels read from the map's canvas are unchanged.
 */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
  '--disable-gpu-compositing',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
] as const;

/** Default bound of every Playwright wait (waitFor, click, waitForFunction…) in these tests. */
export const DEFAULT_WAIT_MS = 120_000;

/** Data root of the committed fixtures, as the app reads it from `window`. */
export const FIXTURES_ROOT = '/data/fixtures/';

export interface OpenOptions {
  /** Point the app at data/fixtures/ instead of the demo data. */
  readonly fixtures?: boolean;
  /** Any other data root (e.g. a missing one, to test failures); wins over `fixtures`. */
  readonly dataRoot?: string;
  readonly viewport?: { readonly width: number; readonly height: number };
  /** The system colour scheme the page sees (`prefers-color-scheme`); light by default. */
  readonly colorScheme?: 'light' | 'dark';
  /**
   * Runs on the fresh context before the page opens, e.g. to hold a data file back with
   * `context.route(…)` (end the handler with `route.fallback()` so the origin check still runs).
   */
  readonly setup?: (context: BrowserContext) => Promise<unknown>;
  /**
   * 'allow' lets the production build register its service worker (offline tests); by default it
   * is blocked, so that no test depends on what the service worker cached.
   */
  readonly serviceWorkers?: 'allow' | 'block';
}

export interface AppPage {
  readonly page: Page;
  readonly context: BrowserContext;
  /** The server's origin, e.g. `http://127.0.0.1:41234`. */
  readonly origin: string;
  /** URLs of requests that tried to leave the origin (all were blocked). */
  readonly externalRequests: string[];
  /** Console errors and uncaught exceptions, in order. */
  readonly consoleErrors: string[];
  close(): Promise<void>;
}

interface Shared {
  server: PreviewServer;
  origin: string;
  browser: Browser;
}

let shared: Promise<Shared> | null = null;
const opened: AppPage[] = [];

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

async function start(): Promise<Shared> {
  // OBSERVATOIRE_DIST lets a test run serve another build than dist/ (e.g. `vite build --outDir`).
  const dist = path.resolve(ROOT, process.env.OBSERVATOIRE_DIST ?? 'dist');
  if (!fs.existsSync(path.join(dist, 'index.html')))
    throw new Error(
      `No build in ${dist}: run \`npm run build\` first (npm run test:browser does).`,
    );
  if (!fs.existsSync(CHROMIUM))
    throw new Error(`Chromium not found at ${CHROMIUM}: \`apt-get install -y chromium\`.`);
  const port = await freePort();
  const server = await preview({
    root: ROOT,
    configFile: path.join(ROOT, 'vite.config.ts'),
    logLevel: 'warn',
    build: { outDir: dist },
    preview: { host: '127.0.0.1', port, strictPort: true, open: false },
  });
  const origin = `http://127.0.0.1:${port}`;
  // launch() gives every browser a fresh temporary profile (user-data dir), removed on close.
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_ARGS] });
  return { server, origin, browser };
}

/** The preview server's origin (starts the server and browser if needed). */
export async function serverOrigin(): Promise<string> {
  shared ??= start();
  return (await shared).origin;
}

/** Opens `pathAndQuery` (e.g. `/?vue=donnees`) in a fresh context and starts watching it. */
export async function openApp(pathAndQuery = '/', opts: OpenOptions = {}): Promise<AppPage> {
  shared ??= start();
  const { origin, browser } = await shared;
  const context = await browser.newContext({
    viewport: opts.viewport ?? { width: 1280, height: 900 },
    locale: 'fr-FR',
    timezoneId: 'Europe/Paris',
    serviceWorkers: opts.serviceWorkers ?? 'block',
    colorScheme: opts.colorScheme ?? 'light',
  });
  // Playwright's default of 30 s per wait is short for a state on a loaded 2-core machine (the
  // engine, a map paint); tests wait for states, so a generous bound costs nothing when all goes well.
  context.setDefaultTimeout(DEFAULT_WAIT_MS);
  const externalRequests: string[] = [];
  const consoleErrors: string[] = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (isExternal(url, origin)) {
      externalRequests.push(url);
      return route.abort('blockedbyclient');
    }
    return route.continue();
  });
  // Requests that bypass routing (e.g. from workers) are still seen here.
  context.on('request', (req) => {
    const url = req.url();
    if (isExternal(url, origin) && !externalRequests.includes(url)) externalRequests.push(url);
  });
  // The page publishes window.__observatoire only when asked (src/dev/test-hooks.ts).
  await context.addInitScript(() => {
    (window as unknown as { __OBSERVATOIRE_TEST_HOOKS__: boolean }).__OBSERVATOIRE_TEST_HOOKS__ =
      true;
  });
  const dataRoot = opts.dataRoot ?? (opts.fixtures ? FIXTURES_ROOT : null);
  if (dataRoot !== null) {
    await context.addInitScript((root: string) => {
      (window as unknown as { __OBSERVATOIRE_DATA_ROOT__: string }).__OBSERVATOIRE_DATA_ROOT__ =
        root;
    }, dataRoot);
  }
  await opts.setup?.(context);
  const page = await context.newPage();
  page.on('console', (msg) => {
    if (msg.type() === 'error') consoleErrors.push(`console.error: ${msg.text()}`);
  });
  page.on('pageerror', (err) => consoleErrors.push(`exception: ${err.message}`));
  await page.goto(origin + pathAndQuery, { waitUntil: 'domcontentloaded' });
  const app: AppPage = {
    page,
    context,
    origin,
    externalRequests,
    consoleErrors,
    close: () => context.close(),
  };
  opened.push(app);
  return app;
}

function isExternal(url: string, origin: string): boolean {
  if (/^(data|blob|about|chrome-error):/.test(url)) return false;
  try {
    return new URL(url).origin !== origin;
  } catch {
    return true;
  }
}

/**
 * Fails when any request left (tried to leave) the origin: of `app`, or of every page opened so
 * far in this file when called without argument.
 */
export function assertNoExternalRequests(app?: AppPage): void {
  const requests = (app ? [app] : opened).flatMap((a) => a.externalRequests);
  assert.deepEqual(requests, [], `requests left the origin:\n${requests.join('\n')}`);
}

/** Fails when the page logged console errors or threw (those matching `allow` excepted). */
export function assertNoConsoleErrors(app: AppPage, allow: readonly RegExp[] = []): void {
  const errors = app.consoleErrors.filter((e) => !allow.some((re) => re.test(e)));
  assert.deepEqual(errors, [], `console errors:\n${errors.join('\n')}`);
}

/**
 * Waits until the app root says the engine is ready (`data-engine-state="ready"`); fails at once
 * with the page's message when the engine reports a failure.
 */
export async function waitForEngine(page: Page, timeout = DEFAULT_WAIT_MS): Promise<void> {
  const root = page.locator('[data-engine-state="ready"], [data-engine-state="failed"]');
  await root.waitFor({ state: 'attached', timeout });
  const state = await root.getAttribute('data-engine-state');
  if (state !== 'ready') {
    const text = await page
      .locator('[data-engine-error]')
      .innerText()
      .catch(() => '(pas de message)');
    throw new Error(`Engine failed to start: ${text}`);
  }
}

/** Waits until no element of the page is `aria-busy="true"` (views painted). */
export async function waitForIdle(page: Page, timeout = DEFAULT_WAIT_MS): Promise<void> {
  await page.waitForFunction(() => document.querySelector('[aria-busy="true"]') === null, null, {
    timeout,
  });
}

/**
 * Opens `pathAndQuery` (on the fixtures unless `opts` says otherwise) and waits until the engine
 * is ready and no part of the view is busy: the start of most tests.
 */
export async function openIdle(
  pathAndQuery: string,
  opts: OpenOptions = { fixtures: true },
): Promise<AppPage> {
  const app = await openApp(pathAndQuery, opts);
  await waitForEngine(app.page);
  await waitForIdle(app.page);
  return app;
}

/** The header of the claims table, as an own CSV file gives it. */
export const CASES_HEADER = 'year;month;commune_code;qpv_code;criterion;domain;channel;count';

/**
 * Loads a small own claims file (two rows) from the Données view and waits for its report to
 * say « ok »: the data version changes, as after any own file. The page is left on Données.
 */
export async function loadOwnClaims(page: Page): Promise<void> {
  await page.locator('[data-nav="donnees"]').first().click();
  await waitForIdle(page);
  const runs = Number(await page.locator('[data-own-runs]').first().getAttribute('data-own-runs'));
  const csv = `${CASES_HEADER}\n2024;1;93066;;handicap;logement;siege;500\n2024;2;62498;;origine;emploi_prive;delegues;700\n`;
  await page.locator('[data-own-file-input]').setInputFiles({
    name: 'mes-reclamations.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(csv),
  });
  const region = page.locator(`[data-own-runs="${runs + 1}"]`);
  await region.waitFor({ state: 'attached' });
  assert.equal(await region.getAttribute('data-own-status'), 'ok', await region.innerText());
}

/** Waits for the engine, an idle view and the Carte map painted (`data-painted="true"`). */
export async function waitForMap(page: Page, timeout = DEFAULT_WAIT_MS): Promise<void> {
  await waitForEngine(page, timeout);
  await waitForIdle(page, timeout);
  await page.locator('.observatoire-map[data-painted="true"]').waitFor({ timeout });
}

/**
 * Waits until `view` is the current view and painted: engine ready, nothing busy, and on Carte
 * the map painted and done loading (a state reached by popstate may only move the camera, which
 * repaints no data but loads tiles). What a test of a `sharedApp` page waits for.
 */
export async function waitForView(
  page: Page,
  view: string,
  timeout = DEFAULT_WAIT_MS,
): Promise<void> {
  await page.locator(`#observatoire[data-current-view="${view}"]`).waitFor({ timeout });
  await waitForEngine(page, timeout);
  await waitForIdle(page, timeout);
  if (view !== 'carte') return;
  await page.locator('.observatoire-map[data-painted="true"]').first().waitFor({ timeout });
  await page.waitForFunction(() => window.__observatoire?.map?.map?.loaded() === true, null, {
    timeout,
  });
}

/** Communes on the map's commune layer once it has loaded, and how many carry their colour. */
export async function communesDrawn(page: Page): Promise<{ features: number; coloured: number }> {
  await page.waitForFunction(() => window.__observatoire?.map?.map?.loaded() === true, null, {
    timeout: 60_000,
  });
  return page.evaluate(() => {
    const map = window.__observatoire?.map?.map;
    if (!map) throw new Error('no map');
    const features = map.queryRenderedFeatures({ layers: ['fill-commune'] });
    const coloured = features.filter(
      (f) => typeof map.getFeatureState(f as never)['c'] === 'string',
    );
    return { features: features.length, coloured: coloured.length };
  });
}

/** A page shared by consecutive tests of a file (see `sharedApp`). */
export interface SharedApp {
  /**
   * Brings the shared page to `pathAndQuery` and runs `check` on it. The first call (or the first
   * after a failure) opens a fresh page there; the next ones change the URL and fire `popstate`,
   * as back/forward does, so the app reads its state from the URL again without restarting its
   * engine. `ready` waits for the state the check needs (e.g. `waitForIdle`). `check` gets the
   * page with only the console errors and external requests seen since this call began, so that
   * `assertNoConsoleErrors(app)` and `assertNoExternalRequests(app)` judge this test alone. When
   * `ready` or `check` throws, the page is closed (the next test opens a fresh one) and the error
   * is rethrown.
   */
  use<T>(
    pathAndQuery: string,
    ready: (page: Page) => Promise<void>,
    check: (app: AppPage) => Promise<T>,
  ): Promise<T>;
  /** Closes the page (register with `after(() => shared.close())` in the describe). */
  close(): Promise<void>;
}

/**
 * For tests that each need the app on some URL but not a fresh engine (~10 s of both cores per
 * page start on CI): one page opened with `opts`, handed from test to test. Not for tests whose
 * point is a first load, a fresh storage or a held-back file: those keep `openApp`.
 */
export function sharedApp(opts: OpenOptions = { fixtures: true }): SharedApp {
  let current: AppPage | null = null;
  const close = async (): Promise<void> => {
    const a = current;
    current = null;
    await a?.close();
  };
  return {
    async use(pathAndQuery, ready, check) {
      try {
        let app = current;
        const errorsBefore = app?.consoleErrors.length ?? 0;
        const requestsBefore = app?.externalRequests.length ?? 0;
        if (app) {
          await app.page.evaluate((url) => {
            history.pushState(null, '', url);
            window.dispatchEvent(new PopStateEvent('popstate'));
          }, pathAndQuery);
        } else {
          app = current = await openApp(pathAndQuery, opts);
        }
        const base = app;
        await ready(base.page);
        const scoped: AppPage = {
          page: base.page,
          context: base.context,
          origin: base.origin,
          get consoleErrors() {
            return base.consoleErrors.slice(errorsBefore);
          },
          get externalRequests() {
            return base.externalRequests.slice(requestsBefore);
          },
          // The shared page outlives the test: `SharedApp.close` ends it.
          close: () => Promise.resolve(),
        };
        return await check(scoped);
      } catch (e) {
        await close();
        throw e;
      }
    },
    close,
  };
}

/** Stops the browser and the server (register with `after(closeHarness)`). */
/**
 * A holder of requests, released by the test (no clock): `hold` as a route handler keeps each
 * request it gets until `release()`, then lets it go on.
 */
export function holder(): { release: () => void; hold: (route: Route) => Promise<void> } {
  let release = (): void => undefined;
  const released = new Promise<void>((resolve) => (release = resolve));
  return {
    release,
    hold: async (route) => {
      await released;
      await route.fallback();
    },
  };
}

export async function closeHarness(): Promise<void> {
  if (!shared) return;
  const s = await shared.catch(() => null);
  shared = null;
  opened.length = 0;
  if (!s) return;
  await s.browser.close();
  await s.server.close();
}
