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

/** A reference file the data set was built from (provenance shown in the Données view). */
export interface ReferenceSource {
  readonly id: string;
  readonly title: string;
  readonly publisher: string;
  readonly licence: string;
  readonly vintage: string;
  /** French caveats (what is missing, approximated or inferred). */
  readonly caveats: readonly string[];
}

export interface DatasetManifest {
  /** Schema version of the contract this dataset follows. */
  readonly schemaVersion: 2;
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
  /** The reference files the territories and places come from. */
  readonly references?: readonly ReferenceSource[];
}

export const MANIFEST_FILE = 'manifest.json';
export const SCHEMA_VERSION = 2;
