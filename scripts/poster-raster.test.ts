/**
 * The poster's areas as a picture (src/map/PosterMap.tsx `areasPictureSvg`, rasterized by
 * scripts/lib/poster-raster.ts at build time): each area in the colour the live map gives it,
 * the secret ones hatched, the areas outside the result in the no-data colour, white outlines,
 * a transparent ground, and the picture placed where the map's fit puts the bounds.
 */
import { Resvg } from '@resvg/resvg-js';
import { describe, expect, test } from 'vitest';
import { mercator } from '../src/map/fit';
import type { ResultColumns, Styling } from '../src/map/join';
import { NO_DATA_COLOR } from '../src/map/palette';
import { PICTURE_WIDTH, areasPictureSvg } from '../src/map/PosterMap';
import { POSTER_FORMAT, POSTER_GRID, type PosterGeometry } from '../src/map/poster-format';
import { rasterizePng, rasterizeToDataUrl } from './lib/poster-raster';

const BOUNDS = [-5, 41, 10, 51] as const;
const [gx0, gy1] = mercator(BOUNDS[0], BOUNDS[1]).map((v) => Math.round(v * POSTER_GRID)) as [
  number,
  number,
];
const [gx1, gy0] = mercator(BOUNDS[2], BOUNDS[3]).map((v) => Math.round(v * POSTER_GRID)) as [
  number,
  number,
];
const W = gx1 - gx0;
const H = gy1 - gy0;

/** A square area filling the `i`-th third of the bounds' width, in the poster's path syntax. */
const third = (i: number): string => {
  const x = gx0 + Math.round((i * W) / 3);
  const w = Math.round(W / 3);
  return `M${x} ${gy0}l${w} 0l0 ${H}l${-w} 0z`;
};

const geometry: PosterGeometry = {
  format: POSTER_FORMAT,
  dataset: 'test',
  level: 'departement',
  areas: [
    { code: 'A', d: third(0) },
    { code: 'S', d: third(1) },
    { code: 'N', d: third(2) },
  ],
  points: [],
};
// A shown with a value in the second class, S secret, N absent from the result.
const cols: ResultColumns = {
  length: 2,
  codes: ['A', 'S'],
  values: Float64Array.from([15, NaN]),
  suppressed: Uint8Array.from([0, 1]),
  index: new Map([
    ['A', 0],
    ['S', 1],
  ]),
};
const styling: Styling = {
  breaks: [0, 10, 20],
  colors: ['#e8edff', '#3141b5'],
  secretColor: '#cccccc',
  noDataColor: NO_DATA_COLOR,
};
const props = { geometry, bounds: BOUNDS, mode: 'choropleth' as const, cols, styling };

const hex = (r: number, g: number, b: number): string =>
  `#${[r, g, b].map((v) => v.toString(16).padStart(2, '0')).join('')}`;

describe('the poster’s areas picture', () => {
  const { svg, box } = areasPictureSvg(props);
  const image = new Resvg(svg).render();
  const pixels = image.pixels;
  /** RGBA of the picture at grid point (x, y). */
  const at = (x: number, y: number): [number, number, number, number] => {
    const px = Math.floor(((x - box[0]) / box[2]) * image.width);
    const py = Math.floor(((y - box[1]) / box[3]) * image.height);
    const o = (py * image.width + px) * 4;
    return [0, 1, 2, 3].map((k) => pixels[o + k] ?? -1) as [number, number, number, number];
  };
  const midY = gy0 + H / 2;

  test('covers the fitted bounds, at the picture width', () => {
    expect(box[0]).toBeLessThan(gx0);
    expect(box[1]).toBeLessThan(gy0);
    expect(box[0] + box[2]).toBeGreaterThan(gx1);
    expect(box[1] + box[3]).toBeGreaterThan(gy1);
    expect(image.width).toBe(PICTURE_WIDTH);
    expect(image.height).toBe(Math.round((PICTURE_WIDTH * box[3]) / box[2]));
  });

  test('paints each area in the colour the live map gives it', () => {
    const [r, g, b, a] = at(gx0 + W / 6, midY);
    expect([hex(r, g, b), a]).toEqual(['#3141b5', 255]);
    const [nr, ng, nb] = at(gx0 + (5 * W) / 6, midY);
    expect(hex(nr, ng, nb)).toBe(NO_DATA_COLOR);
  });

  test('hatches the secret areas over their colour', () => {
    // Across one row of the secret third: its own grey and the darker hatch bands.
    const colours = new Set<string>();
    for (let k = 1; k < 60; k++) {
      const [r, g, b] = at(gx0 + W / 3 + (k * W) / 180, midY);
      colours.add(hex(r, g, b));
    }
    expect(colours.has('#cccccc')).toBe(true);
    expect([...colours].some((c) => c !== '#cccccc' && parseInt(c.slice(1, 3), 16) < 0xcc)).toBe(
      true,
    );
  });

  test('draws the white outline between areas and leaves the ground transparent', () => {
    const edge = gx0 + Math.round(W / 3);
    const xs = Array.from({ length: 9 }, (_, k) => edge + ((k - 4) * box[2]) / PICTURE_WIDTH);
    const whitest = Math.max(...xs.map((x) => Math.min(...at(x, midY).slice(0, 3))));
    expect(whitest).toBeGreaterThan(0xe0);
    expect(at(box[0] + 1, box[1] + 1)[3]).toBe(0);
  });

  test('the build writes it as a PNG data: URL of its own size', () => {
    const png = rasterizePng(svg);
    expect([...png.slice(1, 4)].map((c) => String.fromCharCode(c)).join('')).toBe('PNG');
    const view = new DataView(png.buffer, png.byteOffset);
    expect([view.getUint32(16), view.getUint32(20)]).toEqual([image.width, image.height]);
    expect(rasterizeToDataUrl(svg)).toBe(
      `data:image/png;base64,${Buffer.from(png).toString('base64')}`,
    );
  });
});
