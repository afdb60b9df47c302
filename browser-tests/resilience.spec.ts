/**
 * The engine's health in real Chromium: DuckDB's worker terminated behind its back (as a crash or
 * the browser's memory limit would) is noticed, the views stop waiting and say why in French, and
 * « Redémarrer le moteur » brings the map back in place, with the same URL.
 */
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import {
  assertNoConsoleErrors,
  assertNoExternalRequests,
  closeHarness,
  openApp,
  waitForEngine,
  waitForIdle,
} from './harness';

after(closeHarness);

/** The engine's test hook (src/db/engine.ts). */
interface EngineHook {
  engine: { killWorker(): Promise<boolean> };
}

test(
  'a dead worker fails the engine in French, and « Redémarrer le moteur » brings the map back with the same URL',
  { timeout: 240_000 },
  async () => {
    const app = await openApp('/?vue=carte&carte=2.35,48.9,6', {
      fixtures: true,
      // No warm-up: the indicator picked below is then sure to need the (dead) engine.
      setup: (context) =>
        context.addInitScript(() => {
          (window as unknown as { __OBSERVATOIRE_WARMUP__: boolean }).__OBSERVATOIRE_WARMUP__ =
            false;
        }),
    });
    const { page } = app;
    await waitForEngine(page);
    await page.locator('#observatoire[data-engine-complete="true"]').waitFor({ timeout: 90_000 });
    await waitForIdle(page);

    const killed = await page.evaluate(() =>
      (window as unknown as { __observatoire: EngineHook }).__observatoire.engine.killWorker(),
    );
    assert.equal(killed, true);
    await page.locator('select[name="indicateur"]').selectOption('reclamations');
    await page.waitForURL(/indicateur=reclamations/);
    const url = page.url();

    // Noticed, without a reload: the state, the French banner, and no view left busy.
    await page.locator('#observatoire[data-engine-state="failed"]').waitFor({ timeout: 90_000 });
    const banner = page.locator('[data-engine-error]');
    assert.match(await banner.innerText(), /Le moteur de données s’est arrêté/);
    assert.match(await banner.innerText(), /Le moteur de requêtes s’est arrêté/);
    await waitForIdle(page, 10_000);
    assert.match(
      await page.locator('#contenu').innerText(),
      /La carte n’a pas pu être mise à jour : La requête a échoué/,
    );

    await page.getByRole('button', { name: 'Redémarrer le moteur' }).click();
    await waitForEngine(page);
    await waitForIdle(page);
    assert.equal(page.url(), url, 'the restart keeps the URL');
    assert.equal(await page.locator('[data-engine-error]').count(), 0);
    assert.doesNotMatch(await page.locator('#contenu').innerText(), /n’a pas pu être mise à jour/);
    assert.equal(await page.locator('select[name="indicateur"]').inputValue(), 'reclamations');
    // The map draws the restarted engine's result: its legend is back.
    await page.locator('.maplibregl-canvas').waitFor();

    assertNoExternalRequests(app);
    assertNoConsoleErrors(app, [
      /le moteur de requêtes s’est arrêté/,
      /requête en échec/,
      /Carte :/,
    ]);
    await app.close();
  },
);

test(
  'a map worker that cannot load (offline without the cache) is told in French',
  { timeout: 180_000 },
  async () => {
    const app = await openApp('/?vue=carte', {
      fixtures: true,
      setup: (context) =>
        context.route('**/maplibre-gl-worker-*.mjs', (route) =>
          route.abort('internetdisconnected'),
        ),
    });
    const { page } = app;
    await waitForEngine(page);
    const message = page.getByText(/La carte n’a pas pu être mise à jour/);
    await message.waitFor({ timeout: 90_000 });
    const text = await message.innerText();
    assert.match(text, /le module de dessin de la carte n’a pas pu être chargé/);
    assert.doesNotMatch(text, /Worker failed/);
    assertNoExternalRequests(app);
    await app.close();
  },
);

test(
  'leaving the page terminates DuckDB’s worker, and coming back from the back-forward cache starts it again',
  { timeout: 240_000 },
  async () => {
    const app = await openApp('/?vue=carte&carte=2.35,48.9,6', { fixtures: true });
    const { page } = app;
    await waitForEngine(page);
    const isDuckDB = (w: { url(): string }): boolean => /duckdb-browser-.*worker/.test(w.url());
    const worker = page.workers().find(isDuckDB);
    assert.ok(worker, 'DuckDB’s worker runs');
    const closed = new Promise<void>((resolve) => worker.on('close', () => resolve()));

    // What the browser sends when the user navigates away (or the page enters the cache).
    await page.evaluate(() => window.dispatchEvent(new PageTransitionEvent('pagehide')));
    await closed;
    await page.locator('#observatoire[data-engine-state="idle"]').waitFor();

    const url = page.url();
    await page.evaluate(() =>
      window.dispatchEvent(new PageTransitionEvent('pageshow', { persisted: true })),
    );
    await waitForEngine(page);
    await waitForIdle(page);
    assert.ok(page.workers().some(isDuckDB), 'a new worker runs');
    assert.equal(page.url(), url, 'the URL is kept');
    assertNoExternalRequests(app);
    assertNoConsoleErrors(app);
    await app.close();
  },
);
