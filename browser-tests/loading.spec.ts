/**
 * Start-up in real Chromium over the fixtures, with data files held back by the test (never by a
 * clock): the synthetic-data banner comes from the manifest before any table; the engine answers
 * from the first tables while non_recours is still held; a view reading non_recours stays busy
 * until it is in, then paints what it paints when opened with everything loaded; the SQL console
 * runs only once the engine is locked; a non_recours that fails to load leaves a French message,
 * the detail in the console, the URL as it was, and the views of the other tables working.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, describe, test } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import {
  assertNoConsoleErrors,
  assertNoExternalRequests,
  closeHarness,
  openApp,
  sharedApp,
  waitForEngine,
  waitForIdle,
} from './harness';

after(closeHarness);

const TIMEOUT = { timeout: 180_000 };
const NON_RECOURS_MAP = '/?vue=carte&indicateur=non_recours_taux&carte=2.35,48.9,9';
/** Hours of DuckDB work: it ends only when cancelled. */
const ENDLESS_QUERY =
  'SELECT i FROM range(100000000000000) t(i) WHERE hash(i) % 1000003 = 0 ORDER BY i LIMIT 5';
/** About a second of DuckDB work, five rows. */
const SLOW_QUERY =
  'SELECT i FROM range(120000000) t(i) WHERE hash(i) % 1000003 = 0 ORDER BY i LIMIT 5';

/** The engine's test hook (src/db/engine.ts). */
interface EngineHook {
  engine: { run(sql: string, background: boolean, cancelAfterMs?: number): Promise<number> };
}

/** Every table loaded (the engine hook waits for that too). */
async function engineComplete(page: Page): Promise<void> {
  await page.locator('#observatoire[data-engine-complete="true"]').waitFor();
}

/** Holds requests matching `glob` until `release()`; `requested` settles at the first one. */
function holdBack(glob: string): {
  setup: (context: BrowserContext) => Promise<unknown>;
  release: () => void;
  requested: Promise<void>;
} {
  let release = (): void => undefined;
  const released = new Promise<void>((resolve) => (release = resolve));
  let seen = (): void => undefined;
  const requested = new Promise<void>((resolve) => (seen = resolve));
  return {
    setup: (context) =>
      context.route(glob, async (route) => {
        seen();
        await released;
        await route.fallback();
      }),
    release: () => release(),
    requested,
  };
}

const attr = (page: Page, name: string): Promise<string | null> =>
  page.locator('#observatoire').getAttribute(name);

async function legendItems(page: Page): Promise<string[]> {
  return page
    .locator('[data-testid="legend"] li')
    .evaluateAll((lis) =>
      lis.map((li) => `${li.getAttribute('data-color')} ${li.textContent ?? ''}`),
    );
}

/** Waits until the Carte view and its map are painted. */
async function mapPainted(page: Page): Promise<void> {
  await page.locator('.observatoire-map[data-painted="true"]').waitFor({ timeout: 120_000 });
  await waitForIdle(page);
}

describe('loading', () => {
  // The tests of the engine's queries, and the reference map with every table loaded, are not
  // about a start: they share one page (`sharedApp`), the start-up tests open their own.
  const loaded = sharedApp({ fixtures: true });
  after(() => loaded.close());

  test('the synthetic-data banner shows before any table is loaded', TIMEOUT, async () => {
    const manifest = JSON.parse(fs.readFileSync('data/fixtures/manifest.json', 'utf8')) as {
      synthetic: boolean;
    };
    assert.equal(manifest.synthetic, true, 'the fixtures are synthetic');
    const hold = holdBack('**/*.parquet');
    const app = await openApp('/?vue=carte', { fixtures: true, setup: hold.setup });
    const { page } = app;
    await hold.requested;
    await page.locator('#note-donnees-synthetiques').waitFor({ state: 'visible' });
    // No table has arrived: the engine cannot be ready, the banner came from the manifest alone.
    assert.equal(await attr(page, 'data-engine-state'), 'loading');
    assert.equal(await attr(page, 'data-engine-complete'), 'false');
    hold.release();
    await waitForEngine(page);
    await page.locator('#observatoire[data-engine-complete="true"]').waitFor();
    assert.ok(await page.locator('#note-donnees-synthetiques').isVisible());
    assertNoConsoleErrors(app);
    await app.close();
  });

  test('the default map paints while non_recours is still loading', TIMEOUT, async () => {
    const hold = holdBack('**/non_recours.parquet');
    const app = await openApp('/?vue=carte&carte=2.35,48.9,9', {
      fixtures: true,
      setup: hold.setup,
    });
    const { page } = app;
    await waitForEngine(page);
    await mapPainted(page);
    assert.ok(((await legendItems(page)).length ?? 0) > 1, 'legend drawn');
    assert.equal(await attr(page, 'data-engine-complete'), 'false', 'non_recours still held');
    hold.release();
    await page.locator('#observatoire[data-engine-complete="true"]').waitFor();
    assertNoConsoleErrors(app);
    await app.close();
  });

  test('a warm-up query yields to a foreground query', TIMEOUT, () =>
    loaded.use('/?vue=donnees', engineComplete, async (app) => {
      // A background query of about a second, then a foreground one posted while it runs: with
      // the warm-up's slicing the foreground answers first; run in one go, it would wait.
      const result = await app.page.evaluate(async (slow) => {
        const { engine } = window.__observatoire as unknown as EngineHook;
        const order: string[] = [];
        const background = engine.run(slow, true).then((n) => {
          order.push('background');
          return n;
        });
        await new Promise((r) => setTimeout(r, 100));
        const foreground = engine.run('SELECT 42 AS answer', false).then((n) => {
          order.push('foreground');
          return n;
        });
        return { rows: [await background, await foreground], order };
      }, SLOW_QUERY);
      assert.deepEqual(result.order, ['foreground', 'background']);
      assert.deepEqual(result.rows, [5, 1], 'both answer in full');
      assertNoConsoleErrors(app);
    }),
  );

  test(
    'a cancelled warm-up query stops at its next slice, and both connections go on',
    TIMEOUT,
    () =>
      loaded.use('/?vue=donnees', engineComplete, async (app) => {
        // A query that would run for hours: if cancelling waited for its end, the test would time
        // out. No clock is compared (a loaded machine makes any ratio of durations unreliable).
        const result = await app.page.evaluate(async (endless) => {
          const { engine } = window.__observatoire as unknown as EngineHook;
          const error = await engine.run(endless, true, 50).then(
            (n) => `${n} lignes`,
            (e: unknown) => (e instanceof DOMException ? e.name : String(e)),
          );
          return {
            error,
            after: [await engine.run('SELECT 42', true), await engine.run('SELECT 42', false)],
          };
        }, ENDLESS_QUERY);
        assert.equal(result.error, 'AbortError');
        // The background connection and the foreground one still answer.
        assert.deepEqual(result.after, [1, 1]);
        assertNoConsoleErrors(app);
      }),
  );

  test('a map of non_recours opened directly waits for it, then paints', TIMEOUT, async () => {
    // Reference: the same URL with every table loaded before the view asks.
    const expected = await loaded.use(
      NON_RECOURS_MAP,
      async (page) => {
        await waitForEngine(page);
        await engineComplete(page);
        await mapPainted(page);
      },
      (reference) => legendItems(reference.page),
    );
    assert.ok(expected.length > 1, expected.join('\n'));

    const hold = holdBack('**/non_recours.parquet');
    const app = await openApp(NON_RECOURS_MAP, { fixtures: true, setup: hold.setup });
    const { page } = app;
    await waitForEngine(page);
    const view = page.locator('section[data-view-name="carte"]');
    await view.waitFor();
    // Ready for the other tables, but this view's query waits: its normal loading state, no error.
    assert.equal(await view.getAttribute('aria-busy'), 'true');
    assert.equal(await attr(page, 'data-engine-complete'), 'false');
    assert.equal(await page.locator('.observatoire-map [role="alert"]').count(), 0);
    hold.release();
    await mapPainted(page);
    assert.deepEqual(await legendItems(page), expected);
    assert.equal(await view.getAttribute('aria-busy'), 'false');
    assertNoConsoleErrors(app);
    assertNoExternalRequests(app);
    await app.close();
  });

  test(
    'the SQL console runs only once every table is in and the engine locked',
    TIMEOUT,
    async () => {
      const hold = holdBack('**/non_recours.parquet');
      const app = await openApp('/?vue=donnees', { fixtures: true, setup: hold.setup });
      const { page } = app;
      await waitForEngine(page);
      await page
        .locator('[data-sql-input]')
        .fill("SELECT current_setting('lock_configuration') AS locked");
      await page.locator('[data-sql-run]').click();
      // Still running: it waits for the whole load and the lock, which non_recours holds back.
      await page.locator('[data-sql-runs="0"][aria-busy="true"]').waitFor({ state: 'attached' });
      assert.equal(await attr(page, 'data-engine-complete'), 'false');
      hold.release();
      await page.locator('[data-sql-runs="1"]').waitFor({ state: 'attached' });
      assert.equal(await page.locator('[data-sql-error]').count(), 0);
      assert.equal(
        await page.locator('[data-sql-result] tbody tr td').first().innerText(),
        'oui', // booleans are shown in French
        'the console ran after lock_configuration was set',
      );
      assertNoConsoleErrors(app);
      await app.close();
    },
  );

  test('non_recours failing in the background: message, detail, URL kept', TIMEOUT, async () => {
    const app = await openApp('/?periode=2019&carte=2.35,48.9,9', {
      fixtures: true,
      setup: (context) =>
        context.route('**/non_recours.parquet', (route) =>
          route.fulfill({ status: 404, body: 'not found' }),
        ),
    });
    const { page } = app;
    await page.locator('#observatoire[data-engine-state="failed"]').waitFor({ timeout: 90_000 });
    const alert = page.locator('[data-engine-error]');
    assert.match(await alert.innerText(), /Une partie des données n’a pas pu être chargée/);
    assert.match(await alert.innerText(), /non_recours\.parquet/);
    assert.equal(new URL(page.url()).search, '?periode=2019&carte=2.35,48.9,9');
    assert.ok(
      app.consoleErrors.some((e) => /non_recours\.parquet: HTTP 404/.test(e)),
      app.consoleErrors.join('\n'),
    );
    assert.equal(await attr(page, 'data-engine-complete'), 'false');
    // The default indicator reads other tables: its map still paints.
    await mapPainted(page);
    assert.ok((await legendItems(page)).length > 1);
    await app.close();
  });
});
