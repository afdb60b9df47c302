/**
 * The Sites view and the report paint from prebaked results (src/db/prebaked.ts) before the
 * engine, in real Chromium over the fixtures, whose data/fixtures/prebaked/ holds their default
 * state's results (scripts/prebake.ts). The engine is held back by the test (cases.parquet, one
 * of its first tables, is not served until released, never a clock): the view completes — not
 * busy, no « calcul en cours », its tables and figures drawn — from the prebaked results alone;
 * once the engine is ready the view never goes busy again and shows the same text; a fresh page
 * without prebaked results (the engine's live answers) shows that same text; after an own file
 * replaces the claims, no prebaked result answers any more.
 */
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import {
  assertNoConsoleErrors,
  assertNoExternalRequests,
  closeHarness,
  holder,
  loadOwnClaims,
  openApp,
  waitForEngine,
  waitForIdle,
} from './harness';

after(closeHarness);

const TIMEOUT = { timeout: 300_000 };
const answered = (page: Page): Promise<number> =>
  page.evaluate(
    () =>
      (window.__observatoire as unknown as { prebaked?: { answered: string[] } }).prebaked?.answered
        .length ?? 0,
  );

/** What the view shows: its text (every value, interval, gap, caption) and its drawn figures. */
async function shown(page: Page, view: string): Promise<{ text: string; svgs: number }> {
  const el = page.locator(`[data-view="${view}"]`);
  return {
    text: await el.innerText(),
    svgs: await el.locator('svg').count(),
  };
}

/** Counts the view's returns to `aria-busy="true"` from now on (`window.busyAgain`). */
async function watchBusy(page: Page, view: string): Promise<void> {
  await page.evaluate((v) => {
    const el = document.querySelector(`[data-view="${v}"]`);
    const w = window as unknown as { busyAgain: number };
    w.busyAgain = 0;
    if (!el) return;
    new MutationObserver(() => {
      if (el.getAttribute('aria-busy') === 'true') w.busyAgain += 1;
    }).observe(el, { attributes: true, attributeFilter: ['aria-busy'] });
  }, view);
}

describe('Sites and the report from prebaked results', () => {
  for (const view of ['sites', 'rapport'] as const) {
    test(`?vue=${view} completes before the engine, with the live figures`, TIMEOUT, async () => {
      const cases = holder();
      const app = await openApp(`/?vue=${view}`, {
        fixtures: true,
        setup: (context) => context.route('**/cases.parquet', cases.hold),
      });
      const { page } = app;
      await page.locator(`[data-view="${view}"][aria-busy="false"]`).waitFor(TIMEOUT);
      assert.equal(
        await page.locator('#observatoire').getAttribute('data-engine-state'),
        'loading',
        'the engine is held',
      );
      const early = await shown(page, view);
      assert.ok(!early.text.includes('calcul en cours'), early.text);
      // Every comparison table has its sites' rows, every funnel and series its drawing.
      assert.ok((await page.locator('.observatoire-site-table tbody tr').count()) > 0);
      assert.ok((await page.locator('.observatoire-funnel svg').count()) > 0, 'funnels drawn');
      assert.ok((await page.locator('.observatoire-site-series svg').count()) > 0, 'series drawn');
      assert.ok((await page.locator('.observatoire-sparkline svg').count()) > 0, 'sparklines');
      if (view === 'rapport')
        assert.ok((await page.locator('[data-report-map] svg').count()) > 0, 'maps drawn');
      const prebaked = await answered(page);
      assert.ok(prebaked > 2, `answered from prebaked/: ${prebaked}`);

      await watchBusy(page, view);
      cases.release();
      await waitForEngine(page);
      await page.locator('#observatoire[data-engine-complete="true"]').waitFor(TIMEOUT);
      await waitForIdle(page);
      assert.equal(
        await page.evaluate(() => (window as unknown as { busyAgain: number }).busyAgain),
        0,
        'the view went busy again at the hand-over',
      );
      assert.deepEqual(await shown(page, view), early, 'no value changed at the hand-over');

      // The same page without prebaked results: every figure from the engine, the same text.
      const live = await app.context.newPage();
      await live.addInitScript('window.__OBSERVATOIRE_PREBAKED__ = false;');
      await live.goto(page.url());
      await waitForEngine(live);
      await live.locator(`[data-view="${view}"][aria-busy="false"]`).waitFor(TIMEOUT);
      await waitForIdle(live);
      assert.equal(await answered(live), 0, 'nothing prebaked in the live page');
      assert.deepEqual(await shown(live, view), early, 'prebaked figures equal the live ones');
      await live.close();

      // An own claims file: the data version changes, nothing prebaked answers any more.
      await loadOwnClaims(page);
      const before = await answered(page);
      await page.locator(`[data-nav="${view}"]`).first().click();
      await page.locator(`[data-view="${view}"]`).waitFor();
      await waitForIdle(page);
      const own = await shown(page, view);
      assert.notEqual(own.text, early.text, 'the own file’s figures, not the prebaked ones');
      assert.equal(await answered(page), before, 'no prebaked answer after an own file');
      assertNoExternalRequests(app);
      assertNoConsoleErrors(app);
      await app.close();
    });
  }

  test(
    'the page’s head asks for the view’s code and prebaked results, each downloaded once',
    TIMEOUT,
    async () => {
      // The published data (the head script stands aside for another data root, as the fixtures).
      const warnings: string[] = [];
      const app = await openApp('/?vue=sites', {
        setup: async (context) => {
          context.on('console', (m) => {
            if (m.type() === 'warning') warnings.push(m.text());
          });
        },
      });
      const { page } = app;
      await page.locator('[data-view="sites"][aria-busy="false"]').waitFor(TIMEOUT);
      await waitForIdle(page);
      const asked = await page.evaluate(() => ({
        code: [...document.querySelectorAll('head link[rel="modulepreload"]')].map(
          (l) => (l as HTMLLinkElement).href,
        ),
        data: [...document.querySelectorAll('head link[rel="preload"][as="fetch"]')].map(
          (l) => (l as HTMLLinkElement).href,
        ),
        arrows: performance
          .getEntriesByType('resource')
          .filter((r) => r.name.includes('/data/prebaked/') && r.name.endsWith('.arrow'))
          .map((r) => `${r.name} ${(r as PerformanceResourceTiming).initiatorType}`),
      }));
      assert.ok(
        asked.code.some((h) => /\/assets\/SitesView-[^/]+\.js$/.test(h)),
        asked.code.join(' '),
      );
      assert.ok(asked.data.length > 2, `prebaked results asked for: ${asked.data.length}`);
      // The app's fetch took each preload's answer: one download per file, by the head's link.
      assert.equal(new Set(asked.arrows).size, asked.arrows.length, asked.arrows.join('\n'));
      for (const url of asked.data) assert.ok(asked.arrows.includes(`${url} link`), url);
      assert.ok((await answered(page)) > 2, 'the view drew from the prebaked results');
      assert.deepEqual(
        warnings.filter((w) => /preload/i.test(w)),
        [],
        'a preloaded file the page did not use',
      );
      assertNoConsoleErrors(app);
      await app.close();

      // Nothing asked for on another URL, nor with the prebaked results turned off.
      for (const [url, init] of [
        ['/?vue=carte', ''],
        ['/?vue=sites', 'window.__OBSERVATOIRE_PREBAKED__ = false;'],
      ] as const) {
        const other = await openApp(url, {
          setup: (context) => (init ? context.addInitScript(init) : Promise.resolve()),
        });
        await other.page.locator('#observatoire').waitFor();
        assert.equal(
          await other.page.locator('head link[rel="preload"][as="fetch"]').count(),
          0,
          `${url} ${init}`,
        );
        await other.close();
      }
    },
  );
});
