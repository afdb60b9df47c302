/**
 * Pre-cut vector tiles (Mapbox Vector Tile 2, 512 px tiles, z/x/y.pbf) for the levels too large
 * for one GeoJSON file: the ~35,000 communes. The browser then reads only the tiles in view,
 * where a GeoJSON source made MapLibre's worker parse and index the whole 11.5 MB file before
 * the first commune map could draw (1.6–2.3 s on the bench machine).
 *
 * The tiles are cut by the library MapLibre itself uses to tile a GeoJSON source
 * (@maplibre/geojson-vt), with the same options scaled the same way (a 512 px tile is 4096
 * units), so a tile holds what the GeoJSON source would have cut at that zoom.
 */
import fs from 'node:fs';
import path from 'node:path';
import { GeoJSONVT } from '@maplibre/geojson-vt';
import { fromGeojsonVt } from '@maplibre/vt-pbf';
import type { MapLevel } from '../../src/catalogue';

/**
 * Levels also pre-cut as vector tiles, with the deepest zoom cut: at z10 a tile unit is ~7 m in
 * France, finer than the 0.0001° (~10 m) the polygons are written with.
 */
export const TILED_LEVELS: Readonly<Partial<Record<MapLevel, { maxzoom: number }>>> = {
  commune: { maxzoom: 10 },
};

/** Units per tile side (MVT extent) and per CSS pixel of a 512 px tile, as in MapLibre. */
const TILE_EXTENT = 4096;
const UNITS_PER_PIXEL = TILE_EXTENT / 512;

export interface CutOptions {
  /** Source layer name inside each tile. */
  readonly layer: string;
  /** Deepest zoom cut; MapLibre over-zooms it beyond. */
  readonly maxzoom: number;
  /** Simplification tolerance in pixels (MapLibre's GeoJSON `tolerance`). */
  readonly tolerance: number;
  /** Geometry kept around each tile, in pixels (MapLibre's GeoJSON `buffer`). */
  readonly buffer: number;
}

export interface CutResult {
  /** Tiles with features (the empty ones inside the bounds are written as 0 bytes). */
  readonly tiles: number;
  readonly bytes: number;
}

/** Tile column and row of a lon/lat at zoom z (Web Mercator, XYZ scheme). */
export function tileOf(lon: number, lat: number, z: number): [number, number] {
  const n = 2 ** z;
  const x = Math.floor(((lon + 180) / 360) * n);
  const r = (lat * Math.PI) / 180;
  const y = Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n);
  const clamp = (v: number): number => Math.min(n - 1, Math.max(0, v));
  return [clamp(x), clamp(y)];
}

/**
 * Cuts `collection` into `dir/{z}/{x}/{y}.pbf` for z = 0…maxzoom. Every tile inside `bounds`
 * ([west, south, east, north]) is written, empty ones as 0-byte files: MapLibre asks for every
 * tile the view covers, and a 404 would be logged by the browser as a failed request.
 */
export function cutTiles(
  collection: GeoJSON.FeatureCollection,
  dir: string,
  bounds: readonly [number, number, number, number],
  opts: CutOptions,
): CutResult {
  const index = new GeoJSONVT(collection, {
    maxZoom: opts.maxzoom,
    indexMaxZoom: Math.min(5, opts.maxzoom),
    tolerance: opts.tolerance * UNITS_PER_PIXEL,
    buffer: opts.buffer * UNITS_PER_PIXEL,
    extent: TILE_EXTENT,
  });
  fs.rmSync(dir, { recursive: true, force: true });
  let tiles = 0;
  let bytes = 0;
  for (let z = 0; z <= opts.maxzoom; z++) {
    const [x0, y0] = tileOf(bounds[0], bounds[3], z);
    const [x1, y1] = tileOf(bounds[2], bounds[1], z);
    for (let x = x0; x <= x1; x++) {
      const column = path.join(dir, String(z), String(x));
      fs.mkdirSync(column, { recursive: true });
      for (let y = y0; y <= y1; y++) {
        const tile = index.getTile(z, x, y);
        const data =
          tile && tile.features.length > 0
            ? fromGeojsonVt({ [opts.layer]: tile }, { version: 2, extent: TILE_EXTENT })
            : new Uint8Array(0);
        fs.writeFileSync(path.join(column, `${y}.pbf`), data);
        if (data.length > 0) tiles++;
        bytes += data.length;
      }
    }
  }
  return { tiles, bytes };
}
