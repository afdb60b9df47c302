/** manifest.json — the dataset's table of contents (type DatasetManifest), written last. */
import fs from 'node:fs';
import path from 'node:path';
import {
  MANIFEST_FILE,
  MAP_LEVELS,
  SCHEMA_VERSION,
  SYNTHETIC_NOTE,
  type DatasetManifest,
  type GeometryManifest,
  type PublicationReport,
  type ReferenceManifest,
  type TableManifest,
} from '../src/catalogue';
import { TILED_LEVELS } from './lib/tiles';

/** Default display bounds (metropolitan France plus the DROM insets) when geometry is skipped. */
export const DEFAULT_BOUNDS: [number, number, number, number] = [-9.4, 41.3, 9.6, 51.1];

export function writeManifest(
  outDir: string,
  parts: {
    seed: number;
    scale: number;
    tables: TableManifest[];
    geometry: GeometryManifest[];
    bounds: [number, number, number, number];
    notes: string[];
    publication: PublicationReport[];
    references: ReferenceManifest[];
  },
): DatasetManifest {
  const manifest: DatasetManifest = {
    schemaVersion: SCHEMA_VERSION as 3,
    title:
      'Observatoire des discriminations et de l’accès aux droits — jeu de démonstration (géographie réelle, faits synthétiques)',
    synthetic: parts.tables.some((t) => t.synthetic),
    seed: parts.seed,
    scale: parts.scale,
    tables: parts.tables,
    geometry: parts.geometry,
    bounds: parts.bounds,
    notes: [SYNTHETIC_NOTE, ...parts.notes],
    publication: parts.publication,
    references: parts.references,
  };
  fs.writeFileSync(path.join(outDir, MANIFEST_FILE), JSON.stringify(manifest, null, 2) + '\n');
  return manifest;
}

/** The file of tile z/x/y in a `{z}/{x}/{y}` URL template. */
export const tileFile = (template: string, z: number, x: number, y: number): string =>
  template.replace('{z}', String(z)).replace('{x}', String(x)).replace('{y}', String(y));

/**
 * True when manifest.json exists, follows the current schema version, lists the five tables
 * (and the geometry of every map level when `withGeometry`), and every file it lists is present.
 */
export function manifestComplete(outDir: string, withGeometry = true): boolean {
  const file = path.join(outDir, MANIFEST_FILE);
  if (!fs.existsSync(file)) return false;
  try {
    const m = JSON.parse(fs.readFileSync(file, 'utf8')) as DatasetManifest;
    const files = [
      ...m.tables.map((t) => t.file),
      ...m.geometry.flatMap((g) => [g.file, g.points]),
      // A tile set is there when its z0 tiles are (they are written first).
      ...m.geometry.flatMap((g) =>
        g.tiles ? [g.tiles.areas, g.tiles.points].map((t) => tileFile(t, 0, 0, 0)) : [],
      ),
    ];
    return (
      m.schemaVersion === SCHEMA_VERSION &&
      m.tables.length >= 6 &&
      (!withGeometry || m.geometry.length === MAP_LEVELS.length) &&
      // A dataset built before its level was tiled is rebuilt (the map would read the GeoJSON).
      (!withGeometry || m.geometry.every((g) => !TILED_LEVELS[g.level] || g.tiles)) &&
      files.every((f) => fs.existsSync(path.join(outDir, f)))
    );
  } catch {
    return false;
  }
}
