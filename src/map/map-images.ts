/** The map's images (RGBA pixels made here: no sprite fetched from anywhere). */
import { QPV_DOT_SIZE } from './map-style';

/** A disc as a signed distance field (alpha ramps from the edge), for an SDF icon. */
export function dotImage(size = QPV_DOT_SIZE + 4): {
  width: number;
  height: number;
  data: Uint8Array;
} {
  const data = new Uint8Array(size * size * 4);
  const r = QPV_DOT_SIZE / 2;
  const c = (size - 1) / 2;
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++) {
      const d = r - Math.hypot(x - c, y - c);
      const o = (y * size + x) * 4;
      data[o] = 255;
      data[o + 1] = 255;
      data[o + 2] = 255;
      // MapLibre's SDF convention: 192 at the edge, one unit per pixel of distance (×8).
      data[o + 3] = Math.max(0, Math.min(255, Math.round(192 + d * 8)));
    }
  return { width: size, height: size, data };
}

/** A small diagonal hatch (RGBA pixels) drawn over « secret statistique » areas. */
export function hatchImage(size = 8): { width: number; height: number; data: Uint8Array } {
  const data = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const on = (x + y) % size < 2;
      const o = (y * size + x) * 4;
      data[o] = 58;
      data[o + 1] = 58;
      data[o + 2] = 58;
      // Opaque enough for 3:1 against the secret grey (150 gave 2.5:1, see map-theme.test.ts).
      data[o + 3] = on ? 200 : 0;
    }
  }
  return { width: size, height: size, data };
}
