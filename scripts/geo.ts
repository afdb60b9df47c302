/**
 * geo/<level>.geojson and geo/<level>-points.geojson — map geometry per level in display
 * coordinates (DROM as insets, scripts/lib/display.ts). Communes are the 2018 IGN polygons
 * dissolved into current communes; EPCI, départements and régions are dissolved from them, so
 * every border matches; each level is simplified to a browser-sized file. Points are interior
 * label points with `code`, `name`, `population`. The communes are also cut into vector tiles
 * (geo/tiles/, scripts/lib/tiles.ts), so the map reads only those in view.
 *
 * QPV (both lists): their official contours when GEODATA_DIR has them (geo/qpv.geojson, else an
 * empty collection: no shape is invented), and always one point per QPV (geo/qpv-points.geojson)
 * at its contour's interior point or at its main commune's point; the QPV of one commune and one
 * list placed at the commune's point are spread around it by a screen `offset`.
 */
import fs from 'node:fs';
import path from 'node:path';
import mapshaper from 'mapshaper';
import type { GeometryManifest, MapLevel, TileSetManifest } from '../src/catalogue';
import type { BuildContext } from './lib/context';
import { polygonsToDisplay, toDisplay } from './lib/display';
import {
  innerPoint,
  polygonsOf,
  round,
  type AreaGeometry,
  type MultiPolygonCoords,
  type Position,
} from './lib/geometry';
import type { TerritoryModel } from './lib/model';
import { cutTiles, TILED_LEVELS } from './lib/tiles';
import { AREA_BUFFER, areaTolerance, POINT_BUFFER } from '../src/map/map-style';
import { TILE_LAYERS } from '../src/catalogue';

/** Simplification kept per level (share of vertices, mapshaper Visvalingam) and size budget. */
export const LEVEL_SETTINGS: Readonly<
  Record<Exclude<MapLevel, 'qpv'>, { keep: string; budget: number }>
> = {
  region: { keep: '4%', budget: 300_000 },
  departement: { keep: '7%', budget: 800_000 },
  epci: { keep: '12%', budget: 2_500_000 },
  commune: { keep: '10%', budget: 12_000_000 },
};

interface Feature {
  type: 'Feature';
  properties: Record<string, string | number | number[] | null>;
  geometry: AreaGeometry | { type: 'Point'; coordinates: Position } | null;
}
interface Collection {
  type: 'FeatureCollection';
  features: Feature[];
}

const geometryOf = (polygons: MultiPolygonCoords): AreaGeometry | null =>
  polygons.length === 0
    ? null
    : polygons.length === 1
      ? { type: 'Polygon', coordinates: polygons[0] ?? [] }
      : { type: 'MultiPolygon', coordinates: polygons };

function writeJson(file: string, value: Collection): number {
  const text = JSON.stringify(value);
  fs.writeFileSync(file, text);
  return Buffer.byteLength(text);
}

function pointFeature(code: string, name: string, population: number, p: Position): Feature {
  return {
    type: 'Feature',
    properties: { code, name, population },
    geometry: { type: 'Point', coordinates: [round(p[0], 4), round(p[1], 4)] },
  };
}

const roundPolygons = (polygons: MultiPolygonCoords): MultiPolygonCoords =>
  polygons.map((poly) => poly.map((ring) => ring.map(([x, y]) => [round(x, 5), round(y, 5)])));

/** Distance between neighbouring QPV symbols around a commune's point, in screen pixels. */
export const QPV_SPACING_PX = 16;

/**
 * Screen offset of `slot` on a hexagonal spiral: slot 0 at the centre, then ring k (6k slots)
 * at k × `spacing`, neighbours `spacing` apart, so that symbols never overlap.
 */
export function hexOffset(slot: number, spacing = QPV_SPACING_PX): [number, number] {
  if (slot <= 0) return [0, 0];
  const directions = [
    [1, 0],
    [1, -1],
    [0, -1],
    [-1, 0],
    [-1, 1],
    [0, 1],
  ] as const;
  let k = 1;
  let first = 1;
  while (slot >= first + 6 * k) {
    first += 6 * k;
    k++;
  }
  let i = slot - first;
  // Axial coordinates, starting k steps in direction 4, then k steps along each side.
  let q = -k;
  let r = k;
  for (const [dq, dr] of directions) {
    const steps = Math.min(i, k);
    q += dq * steps;
    r += dr * steps;
    i -= steps;
    if (i === 0) break;
  }
  const x = spacing * (q + r / 2);
  const y = spacing * ((Math.sqrt(3) / 2) * r);
  return [round(x, 1) + 0, round(y, 1) + 0];
}

/**
 * One point per QPV (both lists), display coordinates: its contour's interior point, or its main
 * commune's point with an `offset` slot among the QPV of that commune and list (largest first).
 */
export function qpvPointFeatures(model: TerritoryModel): Feature[] {
  const slots = new Map<string, string[]>();
  const ordered = [...model.qpv].sort(
    (a, b) => b.population - a.population || (a.code < b.code ? -1 : 1),
  );
  for (const q of ordered) {
    if (q.positionSource !== 'commune') continue;
    const key = `${q.list}:${q.communes[0] ?? ''}`;
    slots.set(key, [...(slots.get(key) ?? []), q.code]);
  }
  return model.qpv.map((q) => {
    const slot =
      q.positionSource === 'commune'
        ? (slots.get(`${q.list}:${q.communes[0] ?? ''}`) ?? []).indexOf(q.code)
        : 0;
    const p = toDisplay(q.departement, q.point);
    return {
      type: 'Feature',
      properties: {
        code: q.code,
        name: q.name,
        population: q.population,
        list: q.list,
        valid_from: q.validFrom,
        valid_to: q.validTo,
        position: q.positionSource,
        offset: hexOffset(slot),
      },
      geometry: { type: 'Point', coordinates: [round(p[0], 4), round(p[1], 4)] },
    };
  });
}

export async function buildGeometry(ctx: BuildContext): Promise<{
  manifest: GeometryManifest[];
  bounds: [number, number, number, number];
  notes: string[];
}> {
  const { model, opts, log } = ctx;
  const dir = path.join(opts.outDir, 'geo');
  fs.mkdirSync(dir, { recursive: true });
  // One feature per 2018 polygon, tagged with its current commune and parents, display coords.
  const input: Collection = { type: 'FeatureCollection', features: [] };
  for (const c of model.communes)
    for (const poly of polygonsToDisplay(c.departement, c.polygons))
      input.features.push({
        type: 'Feature',
        properties: {
          code: c.code,
          epci: c.epci ?? '',
          departement: c.departement,
          region: c.region,
        },
        geometry: { type: 'Polygon', coordinates: poly },
      });
  const cmds = [
    '-i communes.json name=commune',
    '-dissolve code copy-fields=epci,departement,region name=commune',
    '-dissolve epci target=commune + name=epci',
    '-filter "epci !== \'\'" target=epci',
    '-dissolve departement target=commune + name=departement',
    '-dissolve region target=commune + name=region',
  ];
  const levels = ['region', 'departement', 'epci', 'commune'] as const;
  for (const level of levels)
    cmds.push(
      `-simplify ${LEVEL_SETTINGS[level].keep} keep-shapes`,
      `-o ${level}.json target=${level} format=geojson precision=0.0001`,
    );
  const t0 = Date.now();
  const out = await mapshaper.applyCommands(cmds.join(' '), {
    'communes.json': JSON.stringify(input),
  });
  log(`  mapshaper : ${((Date.now() - t0) / 1000).toFixed(1)} s`);

  const territories = new Map<string, { name: string; population: number }>();
  const key = (level: string, code: string): string => `${level}:${code}`;
  for (const r of model.cog.regions)
    territories.set(key('region', r.code), { name: r.name, population: 0 });
  for (const d of model.cog.departements)
    territories.set(key('departement', d.code), { name: d.name, population: 0 });
  for (const e of model.cog.epci)
    territories.set(key('epci', e.code), { name: e.name, population: 0 });
  for (const c of model.communes) {
    territories.set(key('commune', c.code), { name: c.name, population: c.population });
    for (const [lv, code] of [
      ['region', c.region],
      ['departement', c.departement],
      ['epci', c.epci],
    ] as const) {
      const t = code ? territories.get(key(lv, code)) : undefined;
      if (t) t.population += c.population;
    }
  }
  const manifest: GeometryManifest[] = [];
  const notes: string[] = [];
  let bounds: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  const written = new Map<MapLevel, { areas: Collection; points: Collection }>();
  for (const level of levels) {
    const raw = out[`${level}.json`];
    const fc = JSON.parse(String(raw ?? '{"features":[]}')) as Collection;
    const features: Feature[] = [];
    const points: Feature[] = [];
    for (const f of fc.features) {
      const code = String(f.properties[level === 'commune' ? 'code' : level] ?? '');
      const t = territories.get(key(level, code));
      if (!t || !f.geometry || f.geometry.type === 'Point') continue;
      features.push({ type: 'Feature', properties: { code, name: t.name }, geometry: f.geometry });
      const polys = polygonsOf(f.geometry);
      for (const poly of polys)
        for (const [x, y] of poly[0] ?? []) {
          bounds = [
            Math.min(bounds[0], x),
            Math.min(bounds[1], y),
            Math.max(bounds[2], x),
            Math.max(bounds[3], y),
          ];
        }
      const c = level === 'commune' ? model.communeByCode.get(code) : undefined;
      const label = c?.point ? toDisplay(c.departement, c.point) : innerPoint(polys, 8);
      points.push(pointFeature(code, t.name, t.population, label));
    }
    features.sort((a, b) => (String(a.properties.code) < String(b.properties.code) ? -1 : 1));
    points.sort((a, b) => (String(a.properties.code) < String(b.properties.code) ? -1 : 1));
    const areas: Collection = { type: 'FeatureCollection', features };
    const labels: Collection = { type: 'FeatureCollection', features: points };
    // Kept for the tiling below, only for the levels that are tiled.
    if (TILED_LEVELS[level]) written.set(level, { areas, points: labels });
    const bytes = writeJson(path.join(dir, `${level}.geojson`), areas);
    writeJson(path.join(dir, `${level}-points.geojson`), labels);
    if (bytes > LEVEL_SETTINGS[level].budget)
      notes.push(
        `Géométrie ${level} : ${bytes} octets, au-delà du budget de ${LEVEL_SETTINGS[level].budget}.`,
      );
    manifest.push({
      level,
      file: `geo/${level}.geojson`,
      points: `geo/${level}-points.geojson`,
      features: features.length,
      bytes,
      synthetic: false,
    });
    log(`  geo/${level}.geojson : ${features.length} entités, ${(bytes / 1e6).toFixed(2)} Mo`);
  }
  // QPV: official contours only (nothing invented), and a point for every QPV.
  const qpvFeatures: Feature[] = [];
  for (const q of model.qpv) {
    const shape = geometryOf(roundPolygons(polygonsToDisplay(q.departement, q.polygons)));
    if (!shape) continue;
    qpvFeatures.push({
      type: 'Feature',
      properties: {
        code: q.code,
        name: q.name,
        list: q.list,
        valid_from: q.validFrom,
        valid_to: q.validTo,
      },
      geometry: shape,
    });
  }
  const qBytes = writeJson(path.join(dir, 'qpv.geojson'), {
    type: 'FeatureCollection',
    features: qpvFeatures,
  });
  const qpvPoints = qpvPointFeatures(model);
  writeJson(path.join(dir, 'qpv-points.geojson'), {
    type: 'FeatureCollection',
    features: qpvPoints,
  });
  const atCommune = model.qpv.filter((q) => q.positionSource === 'commune').length;
  manifest.push({
    level: 'qpv',
    file: 'geo/qpv.geojson',
    points: 'geo/qpv-points.geojson',
    features: qpvFeatures.length,
    bytes: qBytes,
    synthetic: false,
    pointPosition:
      atCommune === model.qpv.length ? 'commune' : atCommune === 0 ? 'contour' : 'mixed',
  });
  if (atCommune)
    notes.push(
      `${atCommune} QPV sans contour officiel : placés au point de leur commune principale, répartis autour de lui (propriété offset de geo/qpv-points.geojson).`,
    );
  log(
    `  geo/qpv.geojson : ${qpvFeatures.length} contours officiels, ${(qBytes / 1e6).toFixed(2)} Mo ; ${qpvPoints.length} points`,
  );
  for (const [level, { maxzoom }] of Object.entries(TILED_LEVELS) as [
    MapLevel,
    { maxzoom: number },
  ][]) {
    const source = written.get(level);
    const entry = manifest.findIndex((g) => g.level === level);
    const base = manifest[entry];
    if (!source || !base) continue;
    const t = Date.now();
    // The manifest's bounds are rounded to 1e-4°: cut a little wider, so that every tile the
    // map asks for inside them exists.
    const wide = [bounds[0] - 1e-3, bounds[1] - 1e-3, bounds[2] + 1e-3, bounds[3] + 1e-3] as const;
    const tiles = tileLevel(dir, level, source, wide, maxzoom);
    manifest[entry] = { ...base, tiles };
    log(
      `  geo/tiles/${level} : ${tiles.tiles} tuiles z0–${maxzoom}, ${(tiles.bytes / 1e6).toFixed(1)} Mo, ${((Date.now() - t) / 1000).toFixed(1)} s`,
    );
  }
  const order: MapLevel[] = ['region', 'departement', 'epci', 'commune', 'qpv'];
  manifest.sort((a, b) => order.indexOf(a.level) - order.indexOf(b.level));
  return {
    manifest,
    bounds: bounds.map((v) => round(v, 4)) as [number, number, number, number],
    notes,
  };
}

/** Cuts a level's polygons and label points into `geo/tiles/<level>[-points]/{z}/{x}/{y}.pbf`. */
function tileLevel(
  dir: string,
  level: MapLevel,
  source: { areas: Collection; points: Collection },
  bounds: readonly [number, number, number, number],
  maxzoom: number,
): TileSetManifest {
  const template = (name: string): string => `geo/tiles/${name}/{z}/{x}/{y}.pbf`;
  const areas = cutTiles(
    source.areas as GeoJSON.FeatureCollection,
    path.join(dir, 'tiles', level),
    bounds,
    { layer: TILE_LAYERS.areas, maxzoom, tolerance: areaTolerance(level), buffer: AREA_BUFFER },
  );
  const points = cutTiles(
    source.points as GeoJSON.FeatureCollection,
    path.join(dir, 'tiles', `${level}-points`),
    bounds,
    { layer: TILE_LAYERS.points, maxzoom, tolerance: 0, buffer: POINT_BUFFER },
  );
  return {
    areas: template(level),
    points: template(`${level}-points`),
    minzoom: 0,
    maxzoom,
    tiles: areas.tiles + points.tiles,
    bytes: areas.bytes + points.bytes,
  };
}

export { geometryOf };
