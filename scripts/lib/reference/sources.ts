/**
 * The reference files the pipeline reads in GEODATA_DIR (see its SOURCES.md), with what a user
 * must know about each: publisher, licence, vintage and caveats, in French. The manifest and the
 * Données view show this list; each reader takes its path from here.
 */
import path from 'node:path';
import type { ReferenceManifest } from '../../../src/catalogue';

export const REFERENCE_PATHS = {
  contours: 'france-geojson/communes',
  qpvCorrespondence: 'qpv-2024/qpv_correspondance_2024_2015_v0.csv',
  qpvCommunes: 'anct-superposeur-v2/centroide-4326_qpv.geojson',
  density: 'anct-superposeur-v2/densite.csv',
  frr: 'benefriches-frr/liste-communes-FRR-juillet2025.csv',
  zrr: 'time4-zrr/ZRR_list_source.csv',
  franceServices: 'anct-france-services/liste-fs-20240801.csv',
} as const;
export type ReferenceId = keyof typeof REFERENCE_PATHS;

/** A count as French text writes it (1 347), for notes and provenance. */
export const frCount = (n: number): string =>
  n.toLocaleString('fr-FR').replace(/\u202f|\u00a0/g, ' ');

/** Absolute path of a reference file in `geodata`. */
export const referencePath = (geodata: string, id: ReferenceId): string =>
  path.join(geodata, REFERENCE_PATHS[id]);

export const REFERENCES: readonly ReferenceManifest[] = [
  {
    id: 'contours',
    title: 'Contours des communes (IGN Admin Express COG 2018, simplifiés)',
    path: REFERENCE_PATHS.contours,
    publisher: 'IGN, simplification par le dépôt gregoiredavid/france-geojson',
    licence: 'Licence Ouverte (Etalab)',
    vintage: 'COG 2018',
    origin:
      'github.com/gregoiredavid/france-geojson, commit 5d34ee6d0140c29f785fdb047d9329f1aab58833',
    caveats: [
      'Millésime 2018 : les communes fusionnées depuis sont regroupées en communes actuelles ; les communes rétablies depuis 2018 n’ont pas de contour propre.',
    ],
  },
  {
    id: 'qpvCorrespondence',
    title: 'Liste des QPV 2024 et correspondance avec la liste 2015',
    path: REFERENCE_PATHS.qpvCorrespondence,
    publisher: 'ANCT',
    licence: 'Licence Ouverte 2.0',
    vintage: 'liste 2024 (décrets 2023-1314 et 2024-1211/1212)',
    origin:
      'copie de data/interim/policy/qpv_correspondance_2024_2015_v0.csv, github.com/Jpmartinslag/neural-temporal-relational-model, commit e637d02eaa6ede87853906962792d1bde8da8683',
    caveats: [
      'Donne pour chaque QPV 2024 son statut (inchangé, modifié, nouveau, commune entière) et jusqu’à trois prédécesseurs de la liste 2015 : la liste 2015 est déduite de ces prédécesseurs ; les QPV 2015 sortis de la géographie prioritaire en 2024 n’y figurent pas.',
      'Les 91 QPV de Polynésie française et de Saint-Martin sont hors du champ de l’observatoire.',
      'Trois codes portent un suffixe contraire à leur statut (QN01325M inchangé ; QN09219N et QN09442N modifiés) : conservés tels quels.',
      'Aucune population par quartier : les populations des QPV sont des estimations synthétiques.',
    ],
  },
  {
    id: 'qpvCommunes',
    title: 'Communes des QPV 2024 (centroïdes des communes comprenant un QPV)',
    path: REFERENCE_PATHS.qpvCommunes,
    publisher: 'ANCT, équipe cartographie (superposeur V2), d’après data.gouv.fr',
    licence: 'Licence Ouverte 2.0 (données ANCT) ; le dépôt miroir n’a pas de fichier de licence',
    vintage: 'COG 2025',
    origin: 'github.com/anct-carto/superposeur-V2, commit 3f2b0c0b87604a13831a9f214988878b6a4cb67e',
    caveats: [
      'Un point par commune (centroïde de la commune, pas du quartier) : sert aux liens QPV → communes, pas à la position des quartiers.',
      'Codes COG 2025, ramenés aux communes actuelles (93059 Pierrefitte-sur-Seine → 93066 Saint-Denis).',
      'Les libellés de communes y perdent le « œ » : seuls les codes sont lus.',
    ],
  },
  {
    id: 'density',
    title: 'Grille communale de densité à 7 niveaux',
    path: REFERENCE_PATHS.density,
    publisher: 'Insee, export ANCT (Observatoire des territoires)',
    licence:
      'Licence Ouverte 2.0 (données Insee, export ANCT) ; le dépôt miroir n’a pas de fichier de licence',
    vintage: 'COG 2025',
    origin:
      'github.com/anct-carto/superposeur-V2, data/grilles/densite.csv, commit 3f2b0c0b87604a13831a9f214988878b6a4cb67e',
    caveats: [
      'Un seul millésime de la grille pour toute la période 2015–2024.',
      'Rural = peu dense ou très peu dense (regroupement à 4 niveaux de l’Insee).',
    ],
  },
  {
    id: 'frr',
    title: 'Communes classées France Ruralités Revitalisation (FRR, FRR+)',
    path: REFERENCE_PATHS.frr,
    publisher: 'DGCL / ANCT, copie du dépôt incubateur-ademe/benefriches',
    licence: 'Licence Ouverte 2.0 (classement DGCL et ANCT) ; dépôt miroir sous licence MIT',
    vintage: 'classement au 10 juillet 2025',
    origin:
      'github.com/incubateur-ademe/benefriches, apps/api/data/france-ruralites/, commit ff601707a335973c5616b9424d2bbfab0265150c',
    caveats: [
      'La partie « FRR » compte les communes FRR socle, FRR+ et partiellement classées ; les communes « bénéficiaires » (anciennes ZRR gardant les avantages) n’en font pas partie.',
      'Zonage entré en vigueur le 1er juillet 2024, appliqué ici à toute la période comme repère géographique.',
    ],
  },
  {
    id: 'zrr',
    title: 'Communes classées en zone de revitalisation rurale (ZRR)',
    path: REFERENCE_PATHS.zrr,
    publisher:
      'ANCT (arrêté du 16 mars 2017 modifié par le décret du 22 février 2018), conversion en COG 2021 par l’Observatoire des territoires',
    licence: 'Licence Ouverte 2.0 (classement ANCT) ; dépôt miroir sous licence Apache-2.0',
    vintage: 'classement 2017–2024, COG 2021',
    origin:
      'github.com/Guillaume-Bsst/Time4-ZRR-QPV, commit 02967b7350ff67fe4847df44ad93cf335144133c',
    caveats: [
      'Codes COG 2021 ramenés aux communes actuelles : une commune issue de la fusion de communes toutes classées est classée, de communes toutes non classées est non classée, partiellement classée sinon.',
      'Les communes rétablies depuis 2021 ne figurent pas dans le fichier : classement inconnu, comptées hors ZRR.',
    ],
  },
  {
    id: 'franceServices',
    title: 'Liste des structures France services',
    path: REFERENCE_PATHS.franceServices,
    publisher: 'ANCT',
    licence: 'Licence Ouverte 2.0',
    vintage: 'liste au 1er août 2024',
    origin:
      'github.com/anct-carto/france_services, data/liste-fs-20240801.csv, commit 77f42baab04eae687d5eef1acdc79ee395f9562b',
    caveats: [
      'Seules les structures ouvertes au 1er août 2024 : aucune date de fermeture, les structures fermées avant n’y sont pas.',
      'Date d’ouverture = date de labellisation France services (une ancienne MSAP relabellisée apparaît à sa date de labellisation).',
      'Aucune liste des Maisons de services au public (MSAP) ni des permanences des délégués du Défenseur des droits n’est publiée : elles ne figurent pas dans le jeu.',
      'Colonnes mail et téléphone retirées de la copie ; les structures de Saint-Martin sont hors du champ.',
    ],
  },
];

/** The licence of a reference as the manifest states it (data:fetch prints the same text). */
export function licenceOf(id: ReferenceId): string {
  const entry = REFERENCES.find((r) => r.id === id);
  if (!entry) throw new Error(`Référence inconnue : ${id}`);
  return entry.licence;
}
