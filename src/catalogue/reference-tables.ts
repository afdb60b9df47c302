/**
 * The reference tables of the published data set: the territories (every level, with names,
 * parents and classifications) and their populations. Column helpers come from table-spec.ts.
 */
import { FIRST_YEAR } from './codes';
import { codeColumn, levelColumn, partColumn, territoryRef, type TableSpec } from './table-spec';

export const TERRITORIES: TableSpec = {
  name: 'territories',
  label: 'Territoires',
  grain:
    'Un territoire d’un niveau donné (France, région, département, EPCI, commune, QPV d’une liste, site expérimental).',
  description:
    'Référentiel des territoires : codes officiels (COG Insee, SIREN des EPCI, codes QPV des listes 2015 et 2024), rattachements, population, grille de densité de l’Insee, classements FRR et ZRR, position et appartenance aux sites expérimentaux.',
  key: ['level', 'code'],
  suppression:
    'Aucune mesure soumise au secret : les populations sont publiques (celle d’un QPV est une estimation synthétique, signalée).',
  columns: [
    levelColumn,
    {
      ...codeColumn,
      description:
        'Code officiel, unique dans son niveau : FR, code région, département, SIREN d’EPCI, code commune Insee, code QPV (QP… liste 2015, QN… liste 2024), identifiant de site',
    },
    { name: 'name', type: 'VARCHAR', nullable: false, description: 'Nom du territoire' },
    territoryRef('region', 'Code de la région de rattachement'),
    territoryRef(
      'departement',
      'Code du département de rattachement (vide pour un territoire à cheval sur plusieurs)',
    ),
    territoryRef(
      'epci',
      'SIREN de l’EPCI à fiscalité propre de rattachement (vide pour un territoire à cheval sur plusieurs)',
    ),
    territoryRef(
      'commune',
      'Pour un QPV : sa commune principale (celle où il est placé sur la carte)',
    ),
    {
      name: 'communes',
      type: 'VARCHAR',
      nullable: true,
      description: 'Pour un QPV : toutes ses communes (codes Insee séparés par « ; »)',
    },
    {
      name: 'postcodes',
      type: 'VARCHAR',
      nullable: true,
      description:
        'Pour une commune : ses codes postaux (La Poste, via le COG de @etalab/decoupage-administratif), séparés par « ; »',
    },
    {
      name: 'population',
      type: 'INTEGER',
      nullable: false,
      description: 'Population municipale (QPV : estimation synthétique)',
      unit: 'habitants',
      min: 0,
    },
    {
      name: 'population_synthetic',
      type: 'BOOLEAN',
      nullable: false,
      description:
        'Vrai si la population est une estimation synthétique (QPV : la population par quartier n’est pas dans les données de référence)',
    },
    {
      name: 'area_km2',
      type: 'DOUBLE',
      nullable: true,
      description: 'Superficie',
      unit: 'km²',
      min: 0,
    },
    {
      name: 'density_level',
      type: 'VARCHAR',
      nullable: true,
      description: 'Grille communale de densité de l’Insee à 7 niveaux (commune)',
      codes: 'density_level',
    },
    {
      name: 'rurality',
      type: 'VARCHAR',
      nullable: true,
      description:
        'Grille de densité à 4 niveaux (regroupement Insee) ; rural = peu dense ou très peu dense',
      codes: 'rurality',
    },
    {
      name: 'rurality_source',
      type: 'VARCHAR',
      nullable: true,
      description: 'Origine de la classe de densité : grille officielle de l’Insee',
      codes: 'rurality_source',
    },
    {
      name: 'frr',
      type: 'VARCHAR',
      nullable: true,
      description: 'Classement France Ruralités Revitalisation au 10 juillet 2025 (commune)',
      codes: 'frr',
    },
    {
      name: 'zrr',
      type: 'VARCHAR',
      nullable: true,
      description: 'Classement en zone de revitalisation rurale, 2017–2024 (commune)',
      codes: 'zrr',
    },
    {
      name: 'lon',
      type: 'DOUBLE',
      nullable: true,
      description: 'Longitude du point du territoire (WGS84)',
      unit: '°',
    },
    {
      name: 'lat',
      type: 'DOUBLE',
      nullable: true,
      description: 'Latitude du point du territoire (WGS84)',
      unit: '°',
    },
    {
      name: 'position',
      type: 'VARCHAR',
      nullable: true,
      description:
        'Origine du point : intérieur du contour du territoire, ou point de sa commune (QPV sans contour officiel)',
      codes: 'position',
    },
    {
      name: 'site',
      type: 'VARCHAR',
      nullable: true,
      description: 'Site expérimental de la convention dont le territoire fait partie',
      codes: 'site',
    },
    {
      name: 'qpv_list',
      type: 'VARCHAR',
      nullable: true,
      description: 'Pour un QPV : la liste dont il fait partie (2015 ou 2024)',
      codes: 'qpv_list',
    },
    {
      name: 'valid_from',
      type: 'SMALLINT',
      nullable: true,
      description: 'Pour un QPV : première année où sa liste est en vigueur dans son département',
    },
    {
      name: 'valid_to',
      type: 'SMALLINT',
      nullable: true,
      description: 'Pour un QPV : dernière année où sa liste est en vigueur (vide : en vigueur)',
    },
    {
      name: 'qpv_status',
      type: 'VARCHAR',
      nullable: true,
      description:
        'Pour un QPV de 2024 : inchangé, modifié, nouveau ou commune entière, par rapport à la liste 2015',
      codes: 'qpv_status',
    },
    {
      name: 'predecessors',
      type: 'VARCHAR',
      nullable: true,
      description:
        'Pour un QPV de 2024 : ses prédécesseurs de la liste 2015 (codes séparés par « ; »)',
    },
    {
      name: 'successors',
      type: 'VARCHAR',
      nullable: true,
      description:
        'Pour un QPV de 2015 : ses successeurs de la liste 2024 (codes séparés par « ; »)',
    },
    {
      name: 'vintage',
      type: 'VARCHAR',
      nullable: false,
      description: 'Millésime du référentiel (ex. « COG 2026 », « liste QPV 2024 »)',
    },
  ],
};

export const POPULATIONS: TableSpec = {
  name: 'populations',
  label: 'Populations par partie de territoire',
  grain:
    'La population d’une partie d’un territoire (ensemble, QPV, hors QPV, rural, urbain, FRR, ZRR…) pour une période où elle ne change pas.',
  description:
    'Dénominateurs des taux pour 100 000 habitants : population municipale des communes (COG) regroupée par partie ; les parties QPV et hors QPV reposent sur les populations estimées des QPV et changent avec la liste en vigueur.',
  key: ['level', 'code', 'part', 'year_from'],
  suppression: 'Aucune : les populations sont publiques.',
  columns: [
    levelColumn,
    codeColumn,
    partColumn,
    {
      name: 'year_from',
      type: 'SMALLINT',
      nullable: false,
      description: 'Première année de la période',
      min: FIRST_YEAR,
    },
    {
      name: 'year_to',
      type: 'SMALLINT',
      nullable: false,
      description: 'Dernière année de la période',
      min: FIRST_YEAR,
    },
    {
      name: 'population',
      type: 'INTEGER',
      nullable: false,
      description: 'Habitants',
      unit: 'habitants',
      min: 0,
    },
    {
      name: 'synthetic',
      type: 'BOOLEAN',
      nullable: false,
      description: 'Vrai si la valeur repose sur des populations de QPV estimées (synthétiques)',
    },
  ],
};
