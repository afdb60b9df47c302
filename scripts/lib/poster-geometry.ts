/**
 * The poster's geometry (src/map/PosterMap.tsx): a level's areas and label points as the map draws
 * them (the pipeline's GeoJSON, DROM already in their insets), projected to Web Mercator once
 * here, rounded to a grid finer than a pixel at any size the poster is shown, and simplified
 * (Douglas-Peucker) to that grid, as MapLibre's GeoJSON source simplifies for its tiles.
 */
import type { Feature, FeatureCollection, Position } from 'geojson';
import type { MapLevel } from '../../src/catalogue';
import { mercator } from '../../src/map/fit';
import { POSTER_FORMAT, POSTER_GRID, type PosterGeometry } from '../../src/map/poster-format';

/** Tolerance of the simplification, in grid units (a quarter of a pixel at zoom 5). */
const TOLERANCE = 2;

const codeOf = (f: Feature): string => {
  const c: unknown = f.properties?.['code'];
  return typeof c === 'string' ? c : String(f.id ?? '');
};

const toGrid = (p: Position): [number, number] => {
  const [x, y] = mercator(p[0] ?? 0, p[1] ?? 0);
  return [Math.round(x * POSTER_GRID), Math.round(y * POSTER_GRID)];
};

/** Squared distance from `p` to segment `a`–`b`. */
function segmentDistance2(p: number[], a: number[], b: number[]): number {
  const [px = 0, py = 0] = p;
  const [ax = 0, ay = 0] = a;
  const [bx = 0, by = 0] = b;
  const dx = bx - ax;
  const dy = by - ay;
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / len2));
  const ex = ax + t * dx - px;
  const ey = ay + t * dy - py;
  return ex * ex + ey * ey;
}

/** Douglas-Peucker on a closed ring (first point = last point), iterative. */
function simplify(ring: [number, number][]): [number, number][] {
  const n = ring.length;
  if (n <= 4) return ring;
  const keep = new Uint8Array(n);
  keep[0] = 1;
  keep[n - 1] = 1;
  // A closed ring: split at the point farthest from the first one.
  let far = 1;
  let best = -1;
  for (let i = 1; i < n - 1; i++) {
    const d = segmentDistance2(ring[i] ?? [0, 0], ring[0] ?? [0, 0], ring[0] ?? [0, 0]);
    if (d > best) [best, far] = [d, i];
  }
  keep[far] = 1;
  const stack: [number, number][] = [
    [0, far],
    [far, n - 1],
  ];
  const tol2 = TOLERANCE * TOLERANCE;
  while (stack.length > 0) {
    const [s, e] = stack.pop() ?? [0, 0];
    let idx = -1;
    let max = tol2;
    for (let i = s + 1; i < e; i++) {
      const d = segmentDistance2(ring[i] ?? [0, 0], ring[s] ?? [0, 0], ring[e] ?? [0, 0]);
      if (d > max) [max, idx] = [d, i];
    }
    if (idx >= 0) {
      keep[idx] = 1;
      stack.push([s, idx], [idx, e]);
    }
  }
  return ring.filter((_, i) => keep[i] === 1);
}

/** One ring as SVG path commands: an absolute move, then relative lines (short integers). */
function ringPath(ring: readonly Position[]): string {
  const pts: [number, number][] = [];
  for (const p of ring) {
    const q = toGrid(p);
    const last = pts[pts.length - 1];
    if (!last || last[0] !== q[0] || last[1] !== q[1]) pts.push(q);
  }
  const simple = simplify(pts);
  if (simple.length < 4) return '';
  const [first, ...rest] = simple;
  let d = `M${first?.[0] ?? 0} ${first?.[1] ?? 0}`;
  let [x, y] = first ?? [0, 0];
  // The closing point is the first one: `z` draws that side.
  for (const [px, py] of rest.slice(0, -1)) {
    d += `l${px - x} ${py - y}`;
    [x, y] = [px, py];
  }
  return `${d}z`;
}

function featurePath(f: Feature): string {
  const g = f.geometry;
  const polygons =
    g.type === 'Polygon' ? [g.coordinates] : g.type === 'MultiPolygon' ? g.coordinates : [];
  return polygons.flatMap((rings) => rings.map(ringPath)).join('');
}

/** The poster's geometry of `level` from its areas and label points (`dataset`: fingerprint). */
export function posterGeometry(
  level: MapLevel,
  dataset: string,
  areas: FeatureCollection,
  points: FeatureCollection,
): PosterGeometry {
  return {
    format: POSTER_FORMAT,
    dataset,
    level,
    areas: areas.features
      .map((f) => ({ code: codeOf(f), d: featurePath(f) }))
      .filter((a) => a.d !== ''),
    points: points.features.flatMap((f) => {
      if (f.geometry.type !== 'Point') return [];
      const [x, y] = toGrid(f.geometry.coordinates);
      return [{ code: codeOf(f), x, y }];
    }),
  };
}
