/**
 * The manifest the pipeline writes beside the tables (data/manifest.json) and the app reads at
 * start-up: which files make the dataset, their provenance and whether they are synthetic.
 */
import type { MapLevel, PublishedTableName } from './schema';

export interface TableManifest {
  readonly name: PublishedTableName;
  /** Path relative to the data root, e.g. "cases.parquet". */
  readonly file: string;
  readonly rows: number;
  readonly bytes: number;
  readonly synthetic: boolean;
  /** French provenance sentence: sources, vintage, licence, how it was generated. */
  readonly provenance: string;
}

export interface GeometryManifest {
  readonly level: MapLevel;
  /** Polygons keyed by `code` (GeoJSON FeatureCollection, property `code`). */
  readonly file: string;
  /** Label points (one per territory, display coordinates) for symbols and labels. */
  readonly points: string;
  readonly features: number;
  readonly bytes: number;
  readonly synthetic: boolean;
  /**
   * The same polygons and points pre-cut as vector tiles, for a level too large for one GeoJSON
   * file (the communes): the map then reads these and only the tiles in view. Optional: a
   * dataset without it is drawn from the GeoJSON files.
   */
  readonly tiles?: TileSetManifest;
  /**
   * Where the points of `points` are (QPV): `commune` = at the point of the QPV's main commune,
   * several QPV of one commune and list spread around it by their `offset` property ([dx, dy]
   * in screen pixels, for `icon-offset`); `contour` = inside the QPV's official contour;
   * `mixed` = both. Absent: an interior point of each territory's own shape.
   */
  readonly pointPosition?: 'commune' | 'contour' | 'mixed';
}

/** A reference file the pipeline read (GEODATA_DIR), for provenance (Données view, README). */
export interface ReferenceManifest {
  readonly id: string;
  /** French title. */
  readonly title: string;
  /** Path inside GEODATA_DIR. */
  readonly path: string;
  readonly publisher: string;
  readonly licence: string;
  /** Vintage of the content, in French (e.g. « liste au 1er août 2024 »). */
  readonly vintage: string;
  /** Where the copy comes from (repository and commit, or address). */
  readonly origin: string;
  /** Known limits, in French. */
  readonly caveats: readonly string[];
}

/** Source layer names inside the tiles of `TileSetManifest`. */
export const TILE_LAYERS = { areas: 'areas', points: 'points' } as const;

/** Mapbox Vector Tiles (512 px, XYZ), features with the GeoJSON files' properties. */
export interface TileSetManifest {
  /** URL template relative to the data root, e.g. "geo/tiles/commune/{z}/{x}/{y}.pbf". */
  readonly areas: string;
  /** Label points, same scheme (source layer `points`). */
  readonly points: string;
  readonly minzoom: number;
  /** Deepest zoom cut; the map over-zooms it beyond. */
  readonly maxzoom: number;
  /** Number of non-empty tiles and their total size, areas and points together. */
  readonly tiles: number;
  readonly bytes: number;
}

/** What secondary suppression cost, per level, for one published table (the manifest's report). */
export interface PublicationReport {
  readonly table: 'cases' | 'non_recours';
  /** Non-empty cells, and those hidden by the primary and by the secondary rule, per level. */
  readonly levels: Readonly<
    Record<string, { readonly cells: number; readonly primary: number; readonly secondary: number }>
  >;
  /** Suppression problems solved (one per year, and per benefit for non-recours). */
  readonly problems: number;
  /** Secret cells the final exact audit could recompute: 0, or nothing is published. */
  readonly disclosed: number;
}

export interface DatasetManifest {
  /** Schema version of the contract this dataset follows. */
  readonly schemaVersion: 3;
  readonly title: string;
  readonly synthetic: boolean;
  readonly seed: number | null;
  readonly scale: number;
  readonly tables: readonly TableManifest[];
  readonly geometry: readonly GeometryManifest[];
  /** [west, south, east, north] of metropolitan France plus the DROM insets, display coordinates. */
  readonly bounds: readonly [number, number, number, number];
  readonly notes: readonly string[];
  /** How the published tables were protected (absent for hand-made test data). */
  readonly publication?: readonly PublicationReport[];
  /** The reference files read to build the territories and services (optional). */
  readonly references?: readonly ReferenceManifest[];
}

export const MANIFEST_FILE = 'manifest.json';
export const SCHEMA_VERSION = 3;
