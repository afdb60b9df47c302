/**
 * What the explorer specs share (explorer.spec.ts, explorer-first-load.spec.ts): the map canvas's
 * pixel statistics, the legend, screen points of a lon/lat, hovering and selecting a territory.
 */
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';

/** Browser tests' time bound: a state on a loaded 2-core machine. */
export const TIMEOUT = { timeout: 180_000 };

/** Pixel statistics of the map canvas: coloured pixels (not grey/white) and a colour histogram. */
export async function canvasStats(
  page: Page,
): Promise<{ coloured: number; total: number; signature: string }> {
  return page.evaluate(async () => {
    const map = window.__observatoire?.map?.map;
    if (!map) throw new Error('no map');
    const src = map.getCanvas();
    const img = new Image();
    img.src = src.toDataURL('image/png');
    await img.decode();
    const c = document.createElement('canvas');
    c.width = img.width;
    c.height = img.height;
    const ctx = c.getContext('2d');
    if (!ctx) throw new Error('no 2d context');
    ctx.drawImage(img, 0, 0);
    const px = ctx.getImageData(0, 0, c.width, c.height).data;
    let coloured = 0;
    const histogram = new Map<string, number>();
    for (let i = 0; i < px.length; i += 4) {
      const r = px[i] ?? 0;
      const g = px[i + 1] ?? 0;
      const b = px[i + 2] ?? 0;
      if (Math.max(r, g, b) - Math.min(r, g, b) > 24) {
        coloured++;
        const key = `${r >> 4},${g >> 4},${b >> 4}`;
        histogram.set(key, (histogram.get(key) ?? 0) + 1);
      }
    }
    const top = [...histogram.entries()]
      .filter(([, n]) => n > 200)
      .map(([k]) => k)
      .sort()
      .join(' ');
    return { coloured, total: px.length / 4, signature: top };
  });
}

/**
 * Hovers a point of the map (the tooltip must name `name`), clicks it and waits until the URL
 * selects `territory` (`level:code`).
 */
export async function hoverAndSelect(
  page: Page,
  [lon, lat]: [number, number],
  name: RegExp,
  territory: string,
): Promise<void> {
  const p = await screenPoint(page, lon, lat);
  await page.mouse.move(p.x, p.y);
  const tooltip = page.locator('.observatoire-tooltip');
  await tooltip.waitFor();
  assert.match(await tooltip.innerText(), name);
  await page.mouse.click(p.x, p.y);
  await page.waitForFunction((t) => window.location.search.includes(`territoire=${t}`), territory);
}

export async function legend(page: Page): Promise<string[]> {
  return page
    .locator('[data-testid="legend"] li')
    .evaluateAll((lis) =>
      lis.map((li) => `${li.getAttribute('data-color')} ${li.textContent ?? ''}`),
    );
}

/**
 * Waits until the legend differs from `previous`: right after a change the view may not have
 * flagged itself busy yet, so waiting for idle alone could read the old legend.
 */
export async function legendChanged(page: Page, previous: readonly string[]): Promise<void> {
  await page.waitForFunction(
    (prev) => {
      const now = [...document.querySelectorAll('[data-testid="legend"] li')].map(
        (li) => `${li.getAttribute('data-color')} ${li.textContent ?? ''}`,
      );
      return JSON.stringify(now) !== JSON.stringify(prev);
    },
    previous,
    { timeout: 120_000 },
  );
}

/** Screen position (relative to the page) of a lon/lat on the map. */
export async function screenPoint(
  page: Page,
  lon: number,
  lat: number,
): Promise<{ x: number; y: number }> {
  return page.evaluate(
    ([x, y]) => {
      const map = window.__observatoire?.map?.map;
      if (!map) throw new Error('no map');
      const p = map.project([x, y]);
      const box = map.getCanvas().getBoundingClientRect();
      return { x: box.left + p.x, y: box.top + p.y };
    },
    [lon, lat] as const,
  );
}
