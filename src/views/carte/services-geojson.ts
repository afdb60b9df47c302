/**
 * Services result (id, type, name, commune_code, lon, lat) → GeoJSON points for the map overlay,
 * in display coordinates: points in the DROM move with their insets, like the geometry.
 */
import type { Table } from 'apache-arrow';
import type { FeatureCollection, Point } from 'geojson';
import { dromOfCommune, toDisplay } from '../../catalogue/display';

export function servicesToGeoJson(table: Table): FeatureCollection<Point> {
  const id = table.getChild('id');
  const name = table.getChild('name');
  const type = table.getChild('type');
  const commune = table.getChild('commune_code');
  const lon = table.getChild('lon');
  const lat = table.getChild('lat');
  const features: FeatureCollection<Point>['features'] = [];
  for (let i = 0; i < table.numRows; i++) {
    const x = Number(lon?.get(i));
    const y = Number(lat?.get(i));
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    const communeCode = commune?.get(i);
    const drom = typeof communeCode === 'string' ? dromOfCommune(communeCode) : null;
    features.push({
      type: 'Feature',
      id: i,
      properties: {
        id: String(id?.get(i)),
        name: String(name?.get(i)),
        type: String(type?.get(i)),
      },
      geometry: { type: 'Point', coordinates: toDisplay(drom, [x, y]) },
    });
  }
  return { type: 'FeatureCollection', features };
}
