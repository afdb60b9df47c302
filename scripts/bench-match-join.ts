/**
 * The bench's other way to join a result to the map: one `match` expression on the features'
 * `code` property for the choropleth's fill colour, against the app's feature-state. Changing a
 * data-driven paint property makes MapLibre re-tile the whole GeoJSON source in its worker, while
 * feature-state only rewrites the paint buffers of the features that changed: the bench's
 * « jointure » rows measure the difference. The app does not ship this join: the bench hands it
 * to the page's map controller (`setFillOverride`) through the test hook.
 */
import type { Page } from 'playwright-core';
import type { ExpressionSpecification } from 'maplibre-gl';
import type { FillOverride } from '../src/map/map-controller';

/**
 * The fill colour of every row as one `match` expression, grouping codes by colour so the
 * expression has at most (classes + 2) branches. Sent to the page as text: no import, no named
 * inner function (tsx's keepNames would wrap it in a `__name` helper the page does not have).
 */
export const colorMatchExpression: FillOverride = (cols, styling, colorOf) => {
  const byColor = new Map<string, string[]>();
  for (let i = 0; i < cols.length; i++) {
    const c = colorOf(i);
    if (c === styling.noDataColor) continue;
    const list = byColor.get(c);
    if (list) list.push(cols.codes[i] ?? '');
    else byColor.set(c, [cols.codes[i] ?? '']);
  }
  if (byColor.size === 0) return styling.noDataColor;
  const branches: (string | string[])[] = [];
  for (const [color, codes] of byColor) branches.push(codes, color);
  return [
    'match',
    ['get', 'code'],
    ...branches,
    styling.noDataColor,
  ] as unknown as ExpressionSpecification;
};

/** The join the first map of the page uses from its next paint on. */
export async function setJoin(page: Page, join: 'feature-state' | 'match'): Promise<void> {
  const override = join === 'match' ? `(${colorMatchExpression.toString()})` : 'null';
  await page.evaluate(`window.__observatoire.map.controller.setFillOverride(${override})`);
}
