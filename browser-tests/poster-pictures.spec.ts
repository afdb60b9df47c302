/**
 * The poster's DSFR pictures (logo, icons, the select's arrow) are PNG (scripts/lib/poster-images.ts:
 * SVG pictures cost software rendering the first frame), and the poster's header and controls
 * look as the live page's do once the poster has gone: same place, same pixels but for the
 * antialiasing of two rasterizers.
 */
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { assertNoConsoleErrors, closeHarness, holder, openApp } from './harness';

after(closeHarness);

const TIMEOUT = { timeout: 300_000 };
const POSTER = '#observatoire-poster';
const LIVE = '#observatoire';

/** Every picture an element of the poster (or its ::before, ::after) draws: `what url`. */
const posterPictures = (page: Page): Promise<string[]> =>
  page.locator(POSTER).evaluate((host) => {
    const out: string[] = [];
    for (const el of (host.shadowRoot ?? host).querySelectorAll('*'))
      for (const pseudo of [null, '::before', '::after']) {
        const cs = getComputedStyle(el, pseudo);
        for (const v of [cs.backgroundImage, cs.maskImage, cs.webkitMaskImage])
          for (const m of (v ?? '').matchAll(/url\("?([^")]*)/g))
            out.push(
              `${el.tagName.toLowerCase()}.${[...el.classList].join('.')}${pseudo ?? ''} ${(m[1] ?? '').slice(0, 40)}`,
            );
      }
    return out;
  });

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The boxes, on the page, of the header's logo and of the first select under `scope`. */
async function boxes(page: Page, scope: string): Promise<Box[]> {
  const out: Box[] = [];
  for (const sel of ['.fr-header__logo', 'select.fr-select']) {
    const b = await page.locator(`${scope} ${sel}`).first().boundingBox();
    assert.ok(b, `${scope} ${sel} : pas de boîte`);
    out.push({
      x: Math.floor(b.x),
      y: Math.floor(b.y),
      width: Math.ceil(b.width),
      height: Math.ceil(b.height),
    });
  }
  return out;
}

/**
 * Mean absolute difference per channel (0–255) of two same-size PNG screenshots, and the share
 * of pixels whose largest channel difference exceeds 96, decoded by the page's own canvas.
 */
const compare = (page: Page, a: Buffer, b: Buffer): Promise<{ mean: number; far: number }> =>
  page.evaluate(
    async ([pa, pb]) => {
      // No named function in the page: tsx's `__name` helper does not exist there.
      const [x, y] = await Promise.all(
        [pa, pb].map(async (b64) => {
          const img = new Image();
          img.src = `data:image/png;base64,${b64}`;
          await img.decode();
          const c = document.createElement('canvas');
          c.width = img.naturalWidth;
          c.height = img.naturalHeight;
          const ctx = c.getContext('2d');
          if (!ctx) throw new Error('pas de contexte 2d');
          ctx.drawImage(img, 0, 0);
          return ctx.getImageData(0, 0, c.width, c.height).data;
        }),
      );
      if (!x || !y) throw new Error('capture illisible');
      if (x.length !== y.length) throw new Error(`tailles ${x.length} et ${y.length}`);
      let sum = 0;
      let far = 0;
      for (let i = 0; i < x.length; i += 4) {
        let worst = 0;
        for (let k = 0; k < 3; k++) {
          const d = Math.abs((x[i + k] ?? 0) - (y[i + k] ?? 0));
          sum += d;
          worst = Math.max(worst, d);
        }
        if (worst > 96) far++;
      }
      return { mean: sum / ((x.length / 4) * 3), far: far / (x.length / 4) };
    },
    [a.toString('base64'), b.toString('base64')] as const,
  );

describe('poster pictures', () => {
  test(
    'the poster draws DSFR pictures as PNG, and its header and select look like the live ones',
    TIMEOUT,
    async () => {
      // The Carte view's chunk is held: the poster stays until the test releases it.
      const chunk = holder();
      const app = await openApp('/', {
        setup: (context) => context.route('**/assets/CarteView-*.js', chunk.hold),
      });
      const { page } = app;
      await page.waitForFunction(() => window.__OBSERVATOIRE_POSTER__?.paintedAt !== undefined);

      const pictures = await posterPictures(page);
      assert.deepEqual(
        pictures.filter((p) => /svg/i.test(p)),
        [],
        'the poster still draws SVG pictures',
      );
      assert.ok(
        pictures.some((p) => /^p\.fr-logo::before data:image\/png/.test(p)),
        `the logo is not a PNG: ${pictures.join(' | ')}`,
      );
      const posterBoxes = await boxes(page, POSTER);
      const posterShots = await Promise.all(posterBoxes.map((clip) => page.screenshot({ clip })));

      chunk.release();
      await page.waitForFunction(() => window.__OBSERVATOIRE_POSTER__?.removed !== undefined);
      await page.locator(`${LIVE} [data-view-name="carte"][aria-busy="false"]`).waitFor();
      assert.deepEqual(await boxes(page, LIVE), posterBoxes, 'the live logo and select moved');
      for (const [i, clip] of posterBoxes.entries()) {
        const live = await page.screenshot({ clip });
        const d = await compare(page, posterShots[i] ?? Buffer.alloc(0), live);
        assert.ok(
          d.mean < 2 && d.far < 0.005,
          `${i === 0 ? 'logo' : 'select'} : écart moyen ${d.mean.toFixed(2)}, pixels très différents ${(d.far * 100).toFixed(2)} %`,
        );
      }
      assertNoConsoleErrors(app);
    },
  );
});
