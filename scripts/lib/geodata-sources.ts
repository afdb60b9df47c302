/**
 * Every reference file the pipeline reads from GEODATA_DIR, where `npm run data:fetch` downloads
 * it from, who publishes it and how the download is checked (GEODATA_DIR/SOURCES.md).
 *
 * Addresses pin the upstream commit of the team's copy, so the bytes downloaded are the bytes the
 * team built with: each file is checked against its SHA-256 in geodata-checksums.ts. Most
 * addresses are GitHub mirrors, not the publisher's own site (the publishers serve these files
 * as zips, pages or APIs that change without notice); `page` gives the authoritative page and the
 * French description says when the address is a mirror.
 */
import { createRequire } from 'node:module';
import { GEODATA_SHA256 } from './geodata-checksums';
import { licenceOf } from './reference/sources';

/** Base addresses, injectable so that tests can serve the files from 127.0.0.1. */
export interface SourceBases {
  /** Serves `<owner>/<repo>/<commit>/<path>` (raw.githubusercontent.com). */
  readonly github: string;
  /** Serves `fr/datasets/r/<resource id>` (www.data.gouv.fr, which redirects to the file). */
  readonly dataGouv: string;
}

export const DEFAULT_BASES: SourceBases = {
  github: 'https://raw.githubusercontent.com',
  dataGouv: 'https://www.data.gouv.fr',
};

/** How a downloaded file becomes the file saved in GEODATA_DIR. */
export type Transform =
  /** Remove CSV columns, then write the rest back (see `dropCsvColumns` in fetch-geodata.ts). */
  | { readonly kind: 'drop-csv-columns'; readonly columns: readonly string[] }
  /** Take one entry out of a zip. */
  | { readonly kind: 'unzip'; readonly entry: string };

/** How the saved file is checked before it takes its place. */
export type Verification =
  /** SHA-256 of the saved file (null: not in geodata-checksums.ts, the download is refused). */
  | { readonly kind: 'sha256'; readonly sha256: string | null }
  /**
   * No checksum can be known in advance (data.gouv.fr resource): content rules, then trust on
   * first use — the SHA-256 is recorded in GEODATA_DIR/SOURCES.fetch.json and later downloads
   * must match it.
   */
  | { readonly kind: 'qpv-geojson'; readonly minFeatures: number };

export interface ReferenceFile {
  /** Path inside GEODATA_DIR (always `/`). */
  readonly local: string;
  readonly url: string;
  /** `id` of its ReferenceSource. */
  readonly source: string;
  /** Optional files may fail: the pipeline does without them (with a warning). */
  readonly optional: boolean;
  readonly transform?: Transform;
  readonly verification: Verification;
}

export interface ReferenceSource {
  readonly id: string;
  /** The original publisher of the data. */
  readonly publisher: string;
  /** French: what it is, and where the address comes from when it is not the publisher's own. */
  readonly description: string;
  /** Authoritative page of the data. */
  readonly page: string;
  readonly licence: string;
}

interface Commit {
  readonly repo: string;
  readonly commit: string;
}

// Commits named in GEODATA_DIR/SOURCES.md.
const FRANCE_GEOJSON: Commit = {
  repo: 'gregoiredavid/france-geojson',
  commit: '5d34ee6d0140c29f785fdb047d9329f1aab58833',
};
const QPV_CORRESPONDENCE: Commit = {
  repo: 'Jpmartinslag/neural-temporal-relational-model',
  commit: 'e637d02eaa6ede87853906962792d1bde8da8683',
};
const ANCT_SUPERPOSEUR: Commit = {
  repo: 'anct-carto/superposeur-V2',
  commit: '3f2b0c0b87604a13831a9f214988878b6a4cb67e',
};
const BENEFRICHES: Commit = {
  repo: 'incubateur-ademe/benefriches',
  commit: 'ff601707a335973c5616b9424d2bbfab0265150c',
};
const TIME4_ZRR: Commit = {
  repo: 'Guillaume-Bsst/Time4-ZRR-QPV',
  commit: '02967b7350ff67fe4847df44ad93cf335144133c',
};
const ANCT_FRANCE_SERVICES: Commit = {
  repo: 'anct-carto/france_services',
  commit: '77f42baab04eae687d5eef1acdc79ee395f9562b',
};

/** data.gouv.fr resource of the official QPV 2024 contours (ANCT), a zip. */
export const QPV_OFFICIAL_RESOURCE = '942d4ee8-8142-4556-8ea1-335537ce1119';
/** Where the pipeline finds them: any `qpv*.geojson` at the root of GEODATA_DIR. */
export const QPV_OFFICIAL_LOCAL = 'qpv-officiels-2024.geojson';

const QPV_DATASET_PAGE =
  'https://www.data.gouv.fr/fr/datasets/quartiers-prioritaires-de-la-politique-de-la-ville-qpv/';

export const REFERENCE_SOURCES: readonly ReferenceSource[] = [
  {
    id: 'france-geojson',
    publisher: 'IGN (Admin Express COG 2018), diffusé par Etalab',
    description:
      'Contours des régions, départements et communes (millésime 2018), simplifiés. Miroir : ' +
      'dépôt GitHub gregoiredavid/france-geojson, pas le site de l’IGN.',
    page: 'https://geoservices.ign.fr/adminexpress',
    licence: licenceOf('contours'),
  },
  {
    id: 'qpv-correspondance',
    publisher: 'ANCT',
    description:
      'Liste des QPV 2024 et leur correspondance avec les QPV 2015. Miroir : copie dans un ' +
      'dépôt GitHub de recherche ; la publication officielle est sur data.gouv.fr.',
    page: QPV_DATASET_PAGE,
    licence: licenceOf('qpvCorrespondence'),
  },
  {
    id: 'qpv-communes',
    publisher: 'ANCT',
    description:
      'Communes contenant un QPV 2024 (centroïde de la commune). Dépôt GitHub de l’équipe ' +
      'cartographie de l’ANCT, fichier dérivé de la ressource data.gouv.fr 4c6bb7f3.',
    page: QPV_DATASET_PAGE,
    licence: licenceOf('qpvCommunes'),
  },
  {
    id: 'grille-densite',
    publisher: 'Insee (export ANCT-Observatoire des territoires)',
    description:
      'Grille communale de densité à 7 niveaux. Miroir : dépôt GitHub de l’équipe cartographie ' +
      'de l’ANCT, pas le site de l’Insee.',
    page: 'https://www.insee.fr/fr/information/6439600',
    licence: licenceOf('density'),
  },
  {
    id: 'frr',
    publisher: 'DGCL et ANCT (classement France ruralités revitalisation au 10 juillet 2025)',
    description:
      'Communes classées FRR et FRR+. Miroir : copie dans le dépôt GitHub de l’ADEME ' +
      'incubateur-ademe/benefriches, pas la page officielle du plan France ruralités.',
    page:
      'https://www.collectivites-locales.gouv.fr/animer-les-territoires/cohesion-territoriale-' +
      'et-lamenagement-du-territoire/la-cohesion-territoriale/les-ruralites/le-plan-france-ruralites',
    licence: licenceOf('frr'),
  },
  {
    id: 'zrr',
    publisher: 'ANCT-Observatoire des territoires (arrêté du 16 mars 2017, COG 2021)',
    description:
      'Communes classées en zone de revitalisation rurale (2017-2024). Miroir : copie dans le ' +
      'dépôt GitHub Guillaume-Bsst/Time4-ZRR-QPV, pas le site de l’ANCT.',
    page: 'https://www.data.gouv.fr/fr/datasets/zone-de-revitalisation-rurale-zrr-30382904/',
    licence: licenceOf('zrr'),
  },
  {
    id: 'france-services',
    publisher: 'ANCT',
    description:
      'Structures France services au 1er août 2024. Dépôt GitHub de l’équipe cartographie de ' +
      'l’ANCT ; la publication officielle est sur data.gouv.fr. Les colonnes mail et ' +
      'telephone sont retirées après le téléchargement (adresses parfois personnelles).',
    page: 'https://www.data.gouv.fr/fr/datasets/liste-des-structures-france-services/',
    licence: licenceOf('franceServices'),
  },
  {
    id: 'qpv-officiels',
    publisher: 'ANCT',
    description:
      'Contours officiels des QPV 2024 (facultatifs : sans eux, chaque QPV est placé à sa ' +
      'commune). Téléchargés sur data.gouv.fr, le site de publication de l’ANCT.',
    page: QPV_DATASET_PAGE,
    licence: 'Licence Ouverte 2.0',
  },
];

/** File-name slug used by france-geojson: « Côtes-d'Armor » → « cotes-d-armor ». */
export function slug(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/**
 * `<code>-<slug>` of the 101 départements of metropolitan France and the DROM, as france-geojson
 * names its folders. Read from the COG's départements only (cog.ts would load every commune).
 */
export function departementFolders(): string[] {
  const require = createRequire(import.meta.url);
  const list = require('@etalab/decoupage-administratif/data/departements.json') as {
    code: string;
    nom: string;
    zone: string;
  }[];
  return list
    .filter((d) => d.zone === 'metro' || d.zone === 'drom')
    .map((d) => `${d.code}-${slug(d.nom)}`)
    .sort();
}

const sha256 = (local: string): Verification => ({
  kind: 'sha256',
  sha256: GEODATA_SHA256[local] ?? null,
});

/** Every reference file, required ones first, with its address under `bases`. */
export function referenceFiles(bases: SourceBases = DEFAULT_BASES): ReferenceFile[] {
  const github = (c: Commit, repoPath: string): string =>
    `${bases.github.replace(/\/$/, '')}/${c.repo}/${c.commit}/${repoPath}`;
  const file = (
    source: string,
    local: string,
    url: string,
    extra: Partial<ReferenceFile> = {},
  ): ReferenceFile => ({
    source,
    local,
    url,
    optional: false,
    verification: sha256(local),
    ...extra,
  });

  const files: ReferenceFile[] = [
    'regions-avec-outre-mer.geojson',
    'departements-avec-outre-mer.geojson',
    'metropole-et-outre-mer.geojson',
  ].map((f) => file('france-geojson', `france-geojson/${f}`, github(FRANCE_GEOJSON, f)));
  for (const name of departementFolders())
    files.push(
      file(
        'france-geojson',
        `france-geojson/communes/communes-${name}.geojson`,
        github(FRANCE_GEOJSON, `departements/${name}/communes-${name}.geojson`),
      ),
    );
  files.push(
    file(
      'qpv-correspondance',
      'qpv-2024/qpv_correspondance_2024_2015_v0.csv',
      github(QPV_CORRESPONDENCE, 'data/interim/policy/qpv_correspondance_2024_2015_v0.csv'),
    ),
    file(
      'qpv-communes',
      'anct-superposeur-v2/centroide-4326_qpv.geojson',
      github(ANCT_SUPERPOSEUR, 'data/admin/centroide-4326_qpv.geojson'),
    ),
    file(
      'grille-densite',
      'anct-superposeur-v2/densite.csv',
      github(ANCT_SUPERPOSEUR, 'data/grilles/densite.csv'),
    ),
    file(
      'frr',
      'benefriches-frr/liste-communes-FRR-juillet2025.csv',
      github(BENEFRICHES, 'apps/api/data/france-ruralites/liste-communes-FRR-juillet2025.csv'),
    ),
    file('zrr', 'time4-zrr/ZRR_list_source.csv', github(TIME4_ZRR, 'ZRR_list_source.csv')),
    // The team's copy lacks the upstream `mail` and `telephone` columns. Dropping them as
    // dropCsvColumns does reproduces that copy byte for byte (checked against the upstream file
    // at this commit), so the result is verified by its SHA-256, not by content rules.
    file(
      'france-services',
      'anct-france-services/liste-fs-20240801.csv',
      github(ANCT_FRANCE_SERVICES, 'data/liste-fs-20240801.csv'),
      { transform: { kind: 'drop-csv-columns', columns: ['mail', 'telephone'] } },
    ),
    {
      source: 'qpv-officiels',
      local: QPV_OFFICIAL_LOCAL,
      url: `${bases.dataGouv.replace(/\/$/, '')}/fr/datasets/r/${QPV_OFFICIAL_RESOURCE}`,
      optional: true,
      transform: {
        kind: 'unzip',
        entry: 'GEOJSON/QP2024_France_Hexagonale_Outre_Mer_WGS84.geojson',
      },
      // 1,584 QPV in the 2024 list; a file with far fewer is not the national one.
      verification: { kind: 'qpv-geojson', minFeatures: 1_000 },
    },
  );
  return files;
}

/** The source of a file (throws on an unknown id: a mistake in this module). */
export function sourceOf(file: ReferenceFile): ReferenceSource {
  const s = REFERENCE_SOURCES.find((r) => r.id === file.source);
  if (!s) throw new Error(`Source inconnue : ${file.source}`);
  return s;
}
