/**
 * The Content-Security-Policy (scripts/vite-plugins/csp.ts): the preview server sends it with the page
 * and with the workers' scripts, the built page carries it for hosts without headers, and no view
 * of the app breaks it (no `securitypolicyviolation` in the page, nothing refused in the console,
 * which also shows what the workers were refused).
 */
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, test } from 'node:test';
import {
  assertNoConsoleErrors,
  assertNoExternalRequests,
  closeHarness,
  openApp,
  serverOrigin,
  waitForEngine,
  waitForIdle,
} from './harness';

after(closeHarness);

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name = '', ...values]) => [name, values]),
  );
}

test('the preview server sends the CSP with the page and the workers, and the page carries it', async () => {
  const origin = await serverOrigin();
  const page = await fetch(`${origin}/?vue=carte`);
  const policy = page.headers.get('content-security-policy');
  assert.ok(policy, 'no Content-Security-Policy header');
  const d = directives(policy);
  assert.deepEqual(d.get('default-src'), ["'self'"]);
  // Beside the app's files, only the constant inline scripts, each by its hash.
  const [self, wasm, ...hashes] = d.get('script-src') ?? [];
  assert.deepEqual([self, wasm], ["'self'", "'wasm-unsafe-eval'"]);
  assert.ok(
    hashes.every((h) => /^'sha256-[A-Za-z0-9+/]+=*'$/.test(h)),
    `script-src: ${hashes.join(' ')}`,
  );
  assert.deepEqual(d.get('worker-src'), ["'self'", 'blob:']);
  assert.deepEqual(d.get('img-src'), ["'self'", 'data:', 'blob:']);
  assert.ok(!d.has('frame-ancestors'), 'embedding is not decided here');
  assert.ok(!policy.includes("'unsafe-eval'"));
  const html = await page.text();
  assert.ok(html.includes('http-equiv="Content-Security-Policy"'));
  // Every inline script of index.html (the poster's, the entry preload's) is allowed by its hash,
  // and by nothing else; JSON data blocks run nothing and need no hash.
  const inline = [
    ...html.matchAll(
      /<script(?![^>]*\b(?:src=|type="application\/json"))[^>]*>([\s\S]*?)<\/script>/g,
    ),
  ].map(
    (m) =>
      `'sha256-${crypto
        .createHash('sha256')
        .update(m[1] ?? '', 'utf8')
        .digest('base64')}'`,
  );
  for (const h of inline) assert.ok(hashes.includes(h), `inline script ${h} not in the policy`);
  assert.ok(inline.length <= hashes.length);
  // The workers' scripts get it too: DuckDB's and the service worker.
  const duckdbWorker = fs
    .readdirSync(path.resolve(ROOT, process.env.OBSERVATOIRE_DIST ?? 'dist', 'assets'))
    .find((f) => /^duckdb-browser-eh\.worker-.*\.js$/.test(f));
  assert.ok(duckdbWorker, 'no DuckDB worker in dist/assets');
  for (const script of [`/assets/${duckdbWorker}`, '/sw.js']) {
    const response = await fetch(origin + script);
    assert.equal(response.status, 200, script);
    assert.equal(response.headers.get('content-security-policy'), policy, script);
  }
});

test('no view breaks the CSP', { timeout: 300_000 }, async () => {
  const app = await openApp('/?vue=carte&niveau=commune&carte=2.35,46.6,6', {
    setup: (context) =>
      context.addInitScript(() => {
        const seen: string[] = [];
        (window as unknown as { __cspViolations: string[] }).__cspViolations = seen;
        document.addEventListener('securitypolicyviolation', (e) =>
          seen.push(`${e.effectiveDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`),
        );
      }),
  });
  const { page } = app;
  await waitForEngine(page);
  await page.locator('#observatoire[data-engine-complete="true"]').waitFor({ timeout: 120_000 });
  await waitForIdle(page, 90_000);
  for (const [label, view] of [
    ['Séries', 'series'],
    ['Sites', 'sites'],
    ['Rapport', 'rapport'],
    ['Données', 'donnees'],
  ] as const) {
    await page.getByRole('link', { name: label, exact: true }).first().click();
    await page.locator(`#observatoire[data-current-view="${view}"]`).waitFor();
    await waitForIdle(page, 90_000);
  }
  const violations = await page.evaluate(
    () => (window as unknown as { __cspViolations: string[] }).__cspViolations,
  );
  assert.deepEqual(violations, []);
  assertNoExternalRequests(app);
  assertNoConsoleErrors(app);
  await app.close();
});
