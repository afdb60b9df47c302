/**
 * Public addresses of the reference geodata (GEODATA_DIR/SOURCES.md), for `npm run data:fetch`.
 */
import { loadCog } from './cog';

/** france-geojson (IGN Admin Express COG 2018, Licence Ouverte), commit of GEODATA_DIR's copy. */
export const FRANCE_GEOJSON_BASE =
  'https://raw.githubusercontent.com/gregoiredavid/france-geojson/master/';

/**
 * The ANCT dataset of the official QPV contours on data.gouv.fr (2015 and 2024 lists), read
 * through data.gouv.fr's API to find its current GeoJSON resource. This address could not be
 * verified from the team's offline environment.
 */
export const QPV_DATASET_API =
  'https://www.data.gouv.fr/api/1/datasets/quartiers-prioritaires-de-la-politique-de-la-ville-qpv/';

/** File-name slug used by france-geojson: « Côtes-d'Armor » → « cotes-d-armor ». */
export function slug(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

export interface RemoteFile {
  /** Path inside GEODATA_DIR. */
  readonly local: string;
  readonly url: string;
}

export function franceGeojsonFiles(): RemoteFile[] {
  const files: RemoteFile[] = [
    'regions-avec-outre-mer.geojson',
    'departements-avec-outre-mer.geojson',
    'metropole-et-outre-mer.geojson',
  ].map((f) => ({ local: `france-geojson/${f}`, url: FRANCE_GEOJSON_BASE + f }));
  for (const d of loadCog(null).departements) {
    const name = `${d.code}-${slug(d.name)}`;
    files.push({
      local: `france-geojson/communes/communes-${name}.geojson`,
      url: `${FRANCE_GEOJSON_BASE}departements/${name}/communes-${name}.geojson`,
    });
  }
  return files;
}
