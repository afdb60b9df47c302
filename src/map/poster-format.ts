/**
 * The layout of the poster's geometry file (`<data>/prebaked/poster-<level>.json`), shared by the
 * pipeline that writes it (scripts/prebake.ts) and the build that draws the poster
 * (src/app/poster-page.tsx through scripts/vite-plugins/poster.ts). Pure.
 */
import type { MapLevel } from '../catalogue';

/** Bumped when the layout changes. */
export const POSTER_FORMAT = 1;
/** Coordinates are Web Mercator world units (0‥1) × this, rounded: 1/8 px at zoom 5. */
export const POSTER_GRID = 2 ** 17;

/** File name of a level's poster geometry, under the prebaked folder. */
export const posterFile = (level: MapLevel): string => `poster-${level}.json`;

export interface PosterGeometry {
  readonly format: typeof POSTER_FORMAT;
  /** `datasetFingerprint` of the manifest it was built from. */
  readonly dataset: string;
  readonly level: MapLevel;
  /** One SVG path per area (absolute move, relative lines, in grid units). */
  readonly areas: readonly { readonly code: string; readonly d: string }[];
  /** Label points (proportional circles), in grid units. */
  readonly points: readonly { readonly code: string; readonly x: number; readonly y: number }[];
}
