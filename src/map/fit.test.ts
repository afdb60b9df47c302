import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  FIT_MARGIN,
  LEGEND_BESIDE_MIN_WIDTH,
  LEGEND_ROOM,
  fitCamera,
  fitPadding,
  mercator,
} from './fit';
import { POSTER_GRID } from './poster-format';
import { POSTER_FIT_MATH } from './poster-scripts';

const FRANCE: [number, number, number, number] = [-9.2006, 41.3624, 9.56, 51.0884];

/** The bounds' box on screen under `fitCamera`. */
function box(bounds: [number, number, number, number], w: number, h: number) {
  const c = fitCamera(bounds, w, h);
  const [x0, y1] = mercator(bounds[0], bounds[1]);
  const [x1, y0] = mercator(bounds[2], bounds[3]);
  return {
    left: c.tx + c.k * x0,
    right: c.tx + c.k * x1,
    top: c.ty + c.k * y0,
    bottom: c.ty + c.k * y1,
  };
}

describe('fitCamera (MapLibre fitBounds with fitPadding)', () => {
  it('leaves room for the legend from the width where it floats over the map', () => {
    expect(fitPadding(LEGEND_BESIDE_MIN_WIDTH - 1)).toBe(FIT_MARGIN);
    expect(fitPadding(LEGEND_BESIDE_MIN_WIDTH)).toEqual({
      top: FIT_MARGIN,
      right: FIT_MARGIN,
      bottom: FIT_MARGIN,
      left: LEGEND_ROOM,
    });
  });

  it('fits the bounds inside the padded box, touching it on one axis, centred on the other', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 300, max: 2400 }),
        fc.integer({ min: 420, max: 1200 }),
        (w, h) => {
          const b = box(FRANCE, w, h);
          const left = w >= LEGEND_BESIDE_MIN_WIDTH ? LEGEND_ROOM : FIT_MARGIN;
          const inner = { left, right: w - FIT_MARGIN, top: FIT_MARGIN, bottom: h - FIT_MARGIN };
          const eps = 1e-6;
          expect(b.left).toBeGreaterThanOrEqual(inner.left - eps);
          expect(b.right).toBeLessThanOrEqual(inner.right + eps);
          expect(b.top).toBeGreaterThanOrEqual(inner.top - eps);
          expect(b.bottom).toBeLessThanOrEqual(inner.bottom + eps);
          const touchesX =
            Math.abs(b.left - inner.left) < 1e-6 && Math.abs(b.right - inner.right) < 1e-6;
          const touchesY =
            Math.abs(b.top - inner.top) < 1e-6 && Math.abs(b.bottom - inner.bottom) < 1e-6;
          expect(touchesX || touchesY).toBe(true);
          expect((b.left + b.right) / 2).toBeCloseTo((inner.left + inner.right) / 2, 6);
          expect((b.top + b.bottom) / 2).toBeCloseTo((inner.top + inner.bottom) / 2, 6);
        },
      ),
    );
  });

  it('is what the poster’s inline script computes, in grid units', () => {
    const math = new Function(`return ${POSTER_FIT_MATH}`)() as (
      w: number,
      h: number,
      b: number[],
      m: number,
      L: number,
      R: number,
    ) => [number, number, number];
    const [x0, y1] = mercator(FRANCE[0], FRANCE[1]);
    const [x1, y0] = mercator(FRANCE[2], FRANCE[3]);
    const grid = [x0, y0, x1, y1].map((v) => v * POSTER_GRID);
    fc.assert(
      fc.property(
        fc.integer({ min: 300, max: 2400 }),
        fc.integer({ min: 420, max: 1200 }),
        (w, h) => {
          const c = fitCamera(FRANCE, w, h);
          const [k, tx, ty] = math(w, h, grid, FIT_MARGIN, LEGEND_BESIDE_MIN_WIDTH, LEGEND_ROOM);
          expect(k * POSTER_GRID).toBeCloseTo(c.k, 6);
          expect(tx).toBeCloseTo(c.tx, 6);
          expect(ty).toBeCloseTo(c.ty, 6);
        },
      ),
    );
  });

  it('projects like Web Mercator (MapLibre’s world at zoom 0, 0‥1)', () => {
    expect(mercator(-180, 0)).toEqual([0, 0.5]);
    expect(mercator(0, 0)[0]).toBe(0.5);
    // 85.0511° is where the square world ends.
    expect(mercator(0, 85.0511287798)[1]).toBeCloseTo(0, 8);
  });
});
