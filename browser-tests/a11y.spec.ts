/**
 * Accessibility and small screens in real Chromium over the fixtures: axe-core (injected from
 * node_modules, offline) finds no serious or critical violation on any view, and at a phone's
 * width (390 × 844) no view scrolls sideways.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { after, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { VIEWS } from '../src/state/app-state';
import {
  assertNoConsoleErrors,
  assertNoExternalRequests,
  closeHarness,
  type AppPage,
  openApp,
  waitForEngine,
  waitForIdle,
} from './harness';

after(closeHarness);

const TIMEOUT = { timeout: 300_000 };
const AXE_SOURCE = fs.readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; html: string }[];
}

/** Runs axe-core on the whole page; returns its serious and critical violations. */
async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  // Evaluated through the DevTools protocol: the app's CSP refuses inline <script> tags.
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run: (ctx: Document, o: object) => Promise<{ violations: AxeViolation[] }> };
      }
    ).axe;
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target.map(String), html: n.html.slice(0, 160) })),
    }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

function describeViolations(violations: readonly AxeViolation[]): string {
  return violations
    .map(
      (v) =>
        `${v.id} (${v.impact}, ${v.nodes.length}) ${v.help}\n` +
        v.nodes
          .slice(0, 5)
          .map((n) => `    ${n.target.join(' ')}  ${n.html}`)
          .join('\n'),
    )
    .join('\n');
}

/** Waits until `view` is painted (engine ready, nothing busy, the map drawn on Carte). */
async function waitForView(page: Page, view: string): Promise<void> {
  await page.locator(`#observatoire[data-current-view="${view}"]`).waitFor();
  await waitForEngine(page);
  await waitForIdle(page, 120_000);
  if (view === 'carte')
    await page.locator('.observatoire-map[data-painted="true"]').waitFor({ timeout: 120_000 });
}

/**
 * One page per viewport, shared by the tests of a describe: the first test opens its view
 * directly, the next ones reach theirs the way back/forward does (the URL changes, then
 * `popstate`), instead of starting the engine again for each view (~10 s on a busy 2-core
 * machine). Each test checks only what its own view logged; a test that fails discards the page,
 * so the next one starts from a fresh one.
 */
function sharedPage(viewport?: { width: number; height: number }) {
  let app: AppPage | null = null;
  return {
    async show(view: string): Promise<{ app: AppPage; errorsBefore: number }> {
      if (!app) {
        app = await openApp(`/?vue=${view}`, { fixtures: true, viewport });
        await waitForView(app.page, view);
        return { app, errorsBefore: 0 };
      }
      const errorsBefore = app.consoleErrors.length;
      await app.page.evaluate((v) => {
        history.pushState(null, '', `?vue=${v}`);
        window.dispatchEvent(new PopStateEvent('popstate'));
      }, view);
      await waitForView(app.page, view);
      return { app, errorsBefore };
    },
    async close(): Promise<void> {
      const a = app;
      app = null;
      await a?.close();
    },
  };
}

/** Runs `check` on `view` in the shared page; on failure the page is closed, then it throws. */
async function onView(
  shared: ReturnType<typeof sharedPage>,
  view: string,
  check: (app: AppPage, errorsBefore: number) => Promise<void>,
): Promise<void> {
  const { app, errorsBefore } = await shared.show(view).catch(async (e: unknown) => {
    await shared.close();
    throw e;
  });
  try {
    await check(app, errorsBefore);
  } catch (e) {
    await shared.close();
    throw e;
  }
}

/** Console errors and exceptions logged since `errorsBefore` (this view's only). */
function assertNoNewConsoleErrors(app: AppPage, errorsBefore: number): void {
  assertNoConsoleErrors({ ...app, consoleErrors: app.consoleErrors.slice(errorsBefore) });
}

describe('accessibility', () => {
  const shared = sharedPage();
  after(() => shared.close());
  for (const view of VIEWS) {
    test(`axe-core finds no serious or critical violation on « ${view} »`, TIMEOUT, async () =>
      onView(shared, view, async (app, errorsBefore) => {
        const violations = await seriousViolations(app.page);
        assert.deepEqual(
          violations.map((v) => v.id),
          [],
          `axe on ${view}:\n${describeViolations(violations)}`,
        );
        assertNoExternalRequests(app);
        assertNoNewConsoleErrors(app, errorsBefore);
      }),
    );
  }
});

describe('phone width', () => {
  const shared = sharedPage({ width: 390, height: 844 });
  after(() => shared.close());
  for (const view of VIEWS) {
    test(`« ${view} » does not scroll sideways at 390 px`, TIMEOUT, async () =>
      onView(shared, view, async (app, errorsBefore) => {
        const overflow = await app.page.evaluate(() => {
          const width = window.innerWidth;
          // Elements past the right edge that no scrolling or clipping ancestor contains (no
          // named function here: tsx would wrap it in a helper the page does not have).
          const wide: string[] = [];
          for (const el of document.querySelectorAll('body *')) {
            const r = el.getBoundingClientRect();
            if (r.right <= width + 1) continue;
            let contained = false;
            for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
              if (getComputedStyle(a).overflowX === 'visible') continue;
              contained = a.getBoundingClientRect().right <= width + 1;
              break;
            }
            if (contained || wide.length >= 12) continue;
            const cls = [...el.classList].join('.');
            wide.push(
              `${el.tagName.toLowerCase()}.${cls} [${Math.round(r.left)}, ${Math.round(r.right)}]`,
            );
          }
          return { scrollWidth: document.documentElement.scrollWidth, width, wide };
        });
        assert.ok(
          overflow.scrollWidth <= overflow.width,
          `${view}: scrollWidth ${overflow.scrollWidth} > ${overflow.width}; widest:\n${overflow.wide.join('\n')}`,
        );
        assertNoNewConsoleErrors(app, errorsBefore);
      }),
    );
  }
});
