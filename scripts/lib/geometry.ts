/**
 * Plain geometry helpers on GeoJSON lon/lat coordinates: spherical area, point in polygon,
 * distance to a boundary, interior points. Small and dependency-free so that the pipeline gives
 * the same numbers with or without mapshaper (the `--no-geo` path).
 */
export type Position = [number, number];
export type Ring = Position[];
export type PolygonCoords = Ring[];
export type MultiPolygonCoords = PolygonCoords[];

export interface PolygonGeometry {
  type: 'Polygon';
  coordinates: PolygonCoords;
}
export interface MultiPolygonGeometry {
  type: 'MultiPolygon';
  coordinates: MultiPolygonCoords;
}
export type AreaGeometry = PolygonGeometry | MultiPolygonGeometry;

const EARTH_RADIUS_M = 6_378_137;
const RAD = Math.PI / 180;

/** Polygons of a Polygon or MultiPolygon geometry. */
export function polygonsOf(geometry: AreaGeometry | null | undefined): MultiPolygonCoords {
  if (!geometry) return [];
  return geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
}

/** Signed spherical area of a ring in m² (Chamberlain & Duquette, as in geojson-area). */
function ringArea(ring: Ring): number {
  let area = 0;
  const n = ring.length;
  if (n < 3) return 0;
  for (let i = 0; i < n; i++) {
    const p1 = ring[i] as Position;
    const p2 = ring[(i + 1) % n] as Position;
    const p3 = ring[(i + 2) % n] as Position;
    area += (p3[0] * RAD - p1[0] * RAD) * Math.sin(p2[1] * RAD);
  }
  return (area * EARTH_RADIUS_M * EARTH_RADIUS_M) / 2;
}

/** Area in km² of polygons (outer rings minus holes). */
export function areaKm2(polygons: MultiPolygonCoords): number {
  let total = 0;
  for (const poly of polygons) {
    poly.forEach((ring, i) => {
      const a = Math.abs(ringArea(ring));
      total += i === 0 ? a : -a;
    });
  }
  return total / 1e6;
}

function inRing(x: number, y: number, ring: Ring): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i] as Position;
    const [xj, yj] = ring[j] as Position;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** True when the point is inside one polygon (inside its outer ring and outside its holes). */
export function containsPoint(polygons: MultiPolygonCoords, point: Position): boolean {
  const [x, y] = point;
  for (const poly of polygons) {
    const outer = poly[0];
    if (!outer || !inRing(x, y, outer)) continue;
    let inHole = false;
    for (let h = 1; h < poly.length; h++) {
      if (inRing(x, y, poly[h] as Ring)) {
        inHole = true;
        break;
      }
    }
    if (!inHole) return true;
  }
  return false;
}

/** [west, south, east, north] of polygons. */
export function bbox(polygons: MultiPolygonCoords): [number, number, number, number] {
  let w = Infinity;
  let s = Infinity;
  let e = -Infinity;
  let n = -Infinity;
  for (const poly of polygons)
    for (const [x, y] of poly[0] ?? []) {
      if (x < w) w = x;
      if (x > e) e = x;
      if (y < s) s = y;
      if (y > n) n = y;
    }
  return [w, s, e, n];
}

/** Distance in km from a point to the nearest edge of the polygons (equirectangular). */
export function distanceToBoundaryKm(polygons: MultiPolygonCoords, point: Position): number {
  const kx = 111.32 * Math.cos(point[1] * RAD);
  const ky = 110.57;
  let best = Infinity;
  for (const poly of polygons)
    for (const ring of poly)
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const ax = ((ring[j] as Position)[0] - point[0]) * kx;
        const ay = ((ring[j] as Position)[1] - point[1]) * ky;
        const bx = ((ring[i] as Position)[0] - point[0]) * kx;
        const by = ((ring[i] as Position)[1] - point[1]) * ky;
        const dx = bx - ax;
        const dy = by - ay;
        const len2 = dx * dx + dy * dy;
        const t = len2 > 0 ? Math.max(0, Math.min(1, -(ax * dx + ay * dy) / len2)) : 0;
        const px = ax + t * dx;
        const py = ay + t * dy;
        const d = px * px + py * py;
        if (d < best) best = d;
      }
  return Math.sqrt(best);
}

/** Area-weighted planar centroid of the largest polygon (for label fall-backs). */
export function centroid(polygons: MultiPolygonCoords): Position {
  let best: PolygonCoords | undefined;
  let bestArea = -1;
  for (const poly of polygons) {
    const a = Math.abs(ringArea(poly[0] ?? []));
    if (a > bestArea) {
      bestArea = a;
      best = poly;
    }
  }
  const ring = best?.[0] ?? [];
  let cx = 0;
  let cy = 0;
  let a2 = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [x0, y0] = ring[j] as Position;
    const [x1, y1] = ring[i] as Position;
    const f = x0 * y1 - x1 * y0;
    a2 += f;
    cx += (x0 + x1) * f;
    cy += (y0 + y1) * f;
  }
  if (a2 === 0) return (ring[0] as Position | undefined) ?? [0, 0];
  return [cx / (3 * a2), cy / (3 * a2)];
}

/**
 * A point well inside the polygons: the best of a grid of candidates by distance to the boundary
 * (a cheap pole of inaccessibility). Deterministic.
 */
export function innerPoint(polygons: MultiPolygonCoords, grid = 12): Position {
  const c = centroid(polygons);
  const [w, s, e, n] = bbox(polygons);
  let best: Position = c;
  let bestD = containsPoint(polygons, c) ? distanceToBoundaryKm(polygons, c) : -1;
  for (let i = 0; i < grid; i++)
    for (let j = 0; j < grid; j++) {
      const p: Position = [w + ((i + 0.5) / grid) * (e - w), s + ((j + 0.5) / grid) * (n - s)];
      if (!containsPoint(polygons, p)) continue;
      const d = distanceToBoundaryKm(polygons, p);
      if (d > bestD) {
        bestD = d;
        best = p;
      }
    }
  return best;
}

/** Rounds coordinates (degrees) to `decimals` places. */
export function round(value: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
}
