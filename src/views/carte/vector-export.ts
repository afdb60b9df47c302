/**
 * Loaded on demand (dynamic import) by « Carte (SVG) » and the report's map, so the first
 * view's code does not carry Plot's map drawing: fetches the GeoJSON files the map itself reads
 * (the manifest's `file` and `points` of the level; the communes too, whose screen map reads
 * tiles cut from the same file), once per page, and draws the vector map.
 */
import type { FeatureCollection } from 'geojson';
import type { GeometryManifest, MapLevel } from '../../catalogue';
import { drawVectorMap, type VectorMapInput } from '../../map/vector-map';

const files = new Map<string, Promise<FeatureCollection>>();

/** One GeoJSON file of the data root, fetched once; a failure is said in French. */
function geoJson(url: string): Promise<FeatureCollection> {
  let p = files.get(url);
  if (!p) {
    p = fetch(url).then(async (res) => {
      if (!res.ok) throw new Error(`fond de carte illisible (${url} : HTTP ${res.status})`);
      return (await res.json()) as FeatureCollection;
    });
    p.catch(() => files.delete(url));
    files.set(url, p);
  }
  return p;
}

export interface VectorMapRequest extends Omit<
  VectorMapInput,
  'areas' | 'points' | 'land' | 'context'
> {
  /** Absolute URL of the data root (ends with `/`). */
  readonly dataRoot: string;
  readonly geometry: readonly GeometryManifest[];
}

/** The level's geometry entry, or a French error naming the level. */
function entry(geometry: readonly GeometryManifest[], level: MapLevel): GeometryManifest {
  const g = geometry.find((x) => x.level === level);
  if (!g) throw new Error(`le jeu de données n’a pas de fond de carte « ${level} »`);
  return g;
}

/** The vector map of a result, in the page's document. */
export async function vectorMapSvg(req: VectorMapRequest): Promise<SVGSVGElement> {
  const { dataRoot, geometry, level, mode } = req;
  const own = entry(geometry, level);
  const url = (file: string): string => new URL(file, dataRoot).href;
  const needsPoints = mode === 'circles' || level === 'qpv';
  const needsContext = level === 'epci' || level === 'commune' || level === 'qpv';
  const [areas, points, land, context] = await Promise.all([
    geoJson(url(own.file)),
    needsPoints ? geoJson(url(own.points)) : null,
    geoJson(url(entry(geometry, 'region').file)),
    needsContext ? geoJson(url(entry(geometry, 'departement').file)) : null,
  ]);
  return drawVectorMap({ ...req, areas, points, land, context }, document);
}
