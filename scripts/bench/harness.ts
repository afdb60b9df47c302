/**
 * The bench's plumbing: the built app served by `vite preview` (optionally on another data set),
 * Debian's Chromium, fresh contexts that record start-up marks in the page, quantiles, tables.
 */
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { preview, type Plugin, type PreviewServer } from 'vite';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export const ARGS = [
  '--no-sandbox',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** URL prefix under which another data set (the `--scale` one) is served. */
export const BENCH_DATA_PREFIX = '/bench-data/';

export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return (s[lo] ?? NaN) + ((s[hi] ?? NaN) - (s[lo] ?? NaN)) * (pos - lo);
}

/** Rounded ms, or « — ». */
export const ms = (v: number): string => (Number.isFinite(v) ? v.toFixed(0) : '—');

/** The 1/5/15-minute load averages, printed beside every figure: the machine is shared. */
export function loadAverage(): string {
  return os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
}

export function printTable(header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]): string =>
    `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  console.log(line(header));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const r of rows) console.log(line(r));
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

/**
 * Serves `dir` under BENCH_DATA_PREFIX, as the app's own plugin serves data/ (the preview server
 * does not know other folders). The page is pointed at it with `__OBSERVATOIRE_DATA_ROOT__`.
 */
function benchData(dir: string): Plugin {
  const serve = (req: IncomingMessage, res: ServerResponse, next: () => void): void => {
    const url = decodeURIComponent((req.url ?? '').split('?')[0] ?? '');
    if (!url.startsWith(BENCH_DATA_PREFIX)) return next();
    const file = path.resolve(dir, '.' + url.slice(BENCH_DATA_PREFIX.length - 1));
    if (!file.startsWith(dir + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.statusCode = 404;
      res.end('not found');
      return;
    }
    const types: Record<string, string> = {
      '.json': 'application/json',
      '.geojson': 'application/geo+json',
      '.pbf': 'application/x-protobuf',
    };
    res.setHeader('Content-Type', types[path.extname(file)] ?? 'application/octet-stream');
    res.setHeader('Cache-Control', 'no-cache');
    fs.createReadStream(file).pipe(res);
  };
  return {
    name: 'observatoire-bench-data',
    configurePreviewServer: (s) => void s.middlewares.use(serve),
  };
}

export interface Served {
  readonly origin: string;
  readonly server: PreviewServer;
  readonly browser: Browser;
  close(): Promise<void>;
}

/** `vite preview` of dist/ on a free port (plus `dataDir` under BENCH_DATA_PREFIX) and Chromium. */
export async function serve(dataDir: string | null): Promise<Served> {
  const port = await freePort();
  const server = await preview({
    root: ROOT,
    configFile: path.join(ROOT, 'vite.config.ts'),
    logLevel: 'warn',
    plugins: dataDir ? [benchData(dataDir)] : [],
    preview: { host: '127.0.0.1', port, strictPort: true, open: false },
  });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ARGS });
  return {
    origin: `http://127.0.0.1:${port}`,
    server,
    browser,
    close: async () => {
      await browser.close();
      await server.close();
    },
  };
}

export interface ContextOptions {
  /** `false`: the production build may not register its service worker (`BENCH_SW=0`). */
  readonly serviceWorkers: boolean;
  /** Data root the app reads (BENCH_DATA_PREFIX in the scale mode), or its default. */
  readonly dataRoot: string | null;
}

/**
 * A fresh context — a new user: no HTTP cache, no service worker, no storage. Requests leaving
 * the origin are listed (not intercepted: routing every request through Playwright slowed the
 * start-up by 0.2–0.4 s). Start-up marks are taken in the page when the attributes change, not
 * when a polling `waitForFunction` sees them (which a busy page delays).
 */
export async function freshContext(
  s: Served,
  opts: ContextOptions,
): Promise<{ context: BrowserContext; external: string[] }> {
  const context = await s.browser.newContext({
    viewport: { width: 1280, height: 900 },
    locale: 'fr-FR',
    serviceWorkers: opts.serviceWorkers ? 'allow' : 'block',
  });
  const external: string[] = [];
  context.on('request', (req) => {
    const url = req.url();
    if (!url.startsWith(s.origin) && !/^(data|blob):/.test(url)) external.push(url);
  });
  if (opts.dataRoot !== null)
    await context.addInitScript(
      `window.__OBSERVATOIRE_DATA_ROOT__ = ${JSON.stringify(opts.dataRoot)};`,
    );
  // The page publishes window.__observatoire only when asked (src/dev/test-hooks.ts).
  await context.addInitScript('window.__OBSERVATOIRE_TEST_HOOKS__ = true;');
  await context.addInitScript(MARKS);
  return { context, external };
}

/**
 * In-page marks (ms since navigation): engine ready, every table in, and the first time the
 * view (`data-view`) is complete — not busy, nothing on the page busy, no « calcul en cours »,
 * and its figures there (a table cell or a chart). The engine's attributes are read at each
 * mutation; the view is checked at the next animation frame after one (its time is that frame's),
 * so the checks cost nothing while nothing changes.
 */
const MARKS = `(() => {
  const marks = (window.__benchMarks = {});
  let queued = false;
  const engine = () => {
    const el = document.getElementById('observatoire');
    if (!el) return;
    const state = el.getAttribute('data-engine-state');
    if (marks.ready === undefined && (state === 'ready' || state === 'failed')) marks.ready = performance.now();
    if (marks.complete === undefined && el.getAttribute('data-engine-complete') === 'true') marks.complete = performance.now();
  };
  const view = () => {
    queued = false;
    const v = document.querySelector('[data-view]');
    if (marks.view === undefined && v && v.getAttribute('aria-busy') === 'false'
        && document.querySelector('[aria-busy="true"]') === null
        && !(v.textContent || '').includes('calcul en cours')
        && v.querySelector('td, svg, canvas') !== null) {
      marks.view = performance.now();
      marks.viewName = v.getAttribute('data-view');
    }
  };
  // DuckDB's queries as its worker serves them, one at a time: the service time of each is its
  // answer minus the later of its sending and the previous answer. Provenance's EXPLAINs apart.
  const q = (window.__benchQueries = { explain: 0, explainMs: 0, other: 0, otherMs: 0 });
  const pending = new Map();
  let lastEnd = 0;
  const post = Worker.prototype.postMessage;
  Worker.prototype.postMessage = function (msg, transfer) {
    if (msg && (msg.type === 'RUN_QUERY' || msg.type === 'START_PENDING_QUERY')
        && Array.isArray(msg.data) && typeof msg.data[1] === 'string') {
      if (!this.__benchHooked) {
        this.__benchHooked = true;
        this.addEventListener('message', (e) => {
          const p = e.data && pending.get(e.data.requestId);
          if (!p) return;
          pending.delete(e.data.requestId);
          const now = performance.now();
          const served = now - Math.max(p.t, lastEnd);
          lastEnd = now;
          if (p.explain) { q.explain++; q.explainMs += served; } else { q.other++; q.otherMs += served; }
        });
      }
      pending.set(msg.messageId, { t: performance.now(), explain: msg.data[1].startsWith('EXPLAIN') });
    }
    return post.call(this, msg, transfer);
  };
  new MutationObserver(() => {
    engine();
    if (!queued && marks.view === undefined) { queued = true; requestAnimationFrame(view); }
  }).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
})()`;

/** DuckDB queries served so far, provenance EXPLAINs apart (count, worker ms). */
export interface QueryCounts {
  readonly explain: number;
  readonly explainMs: number;
  readonly other: number;
  readonly otherMs: number;
}

export interface Marks {
  readonly ready?: number;
  readonly complete?: number;
  readonly view?: number;
  readonly viewName?: string;
}
