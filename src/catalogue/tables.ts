/**
 * The aggregates contract: the tables of the published data set (what a browser may receive),
 * the two internal tables at the finest grain that the publication step reads (the observatory's
 * own files, or the synthetic demo grain), their columns, types and codes. This module is the one
 * definition of the schema: the pipeline (scripts/) writes through it, the app reads through it,
 * the own-file validator checks a user's file against it. Nothing here may import from scripts/
 * or from a DuckDB package.
 */
import { FIRST_YEAR, type CodeListKey, type TerritoryLevel } from './codes';

/** DuckDB logical types used by the contract (also the Parquet physical types we write). */
export type ColumnType =
  'VARCHAR' | 'SMALLINT' | 'INTEGER' | 'BIGINT' | 'DOUBLE' | 'BOOLEAN' | 'DATE';

export interface ColumnSpec {
  readonly name: string;
  readonly type: ColumnType;
  readonly nullable: boolean;
  /** French description shown in the Données view and data/README.md. */
  readonly description: string;
  /** Unit, in French, when the column is a measure. */
  readonly unit?: string;
  /** When the column holds codes from a closed list, the list's key in `CODE_LISTS`. */
  readonly codes?: CodeListKey;
  /** When the column references `territories`, the level its codes must have. */
  readonly references?: TerritoryLevel;
  /** Lower bound for numeric columns (counts are never negative). */
  readonly min?: number;
}

/** Tables of the published data set, loaded by the app. */
export type PublishedTableName =
  'territories' | 'indicators' | 'populations' | 'cases' | 'non_recours' | 'services';
/** Internal tables at the finest grain: the publication step's input, never published. */
export type GrainTableName = 'cases_grain' | 'non_recours_grain';
export type TableName = PublishedTableName | GrainTableName;

export interface TableSpec {
  readonly name: TableName;
  readonly label: string;
  /** One sentence on what a row is. */
  readonly grain: string;
  readonly description: string;
  readonly columns: readonly ColumnSpec[];
  /** Columns that identify a row; the validator checks they are unique. */
  readonly key: readonly string[];
  /** The confidentiality rule applied to this table's measures, in French (data/README.md). */
  readonly suppression: string;
}

const territoryRef = (level: TerritoryLevel, description: string, nullable = true): ColumnSpec => ({
  name: `${level}_code`,
  type: 'VARCHAR',
  nullable,
  description,
  references: level,
});

const year = (description = 'Année'): ColumnSpec => ({
  name: 'year',
  type: 'SMALLINT',
  nullable: false,
  description,
  min: FIRST_YEAR,
});

const levelColumn: ColumnSpec = {
  name: 'level',
  type: 'VARCHAR',
  nullable: false,
  description: 'Niveau territorial',
  codes: 'level',
};

const codeColumn: ColumnSpec = {
  name: 'code',
  type: 'VARCHAR',
  nullable: false,
  description: 'Code du territoire (voir territories)',
};

const benefitColumn: ColumnSpec = {
  name: 'benefit',
  type: 'VARCHAR',
  nullable: false,
  description: 'Prestation',
  codes: 'benefit',
};

const partColumn: ColumnSpec = {
  name: 'part',
  type: 'VARCHAR',
  nullable: false,
  description:
    'Partie du territoire : ensemble, habitants des QPV ou hors QPV, communes rurales ou urbaines, communes FRR ou non, communes ZRR ou non',
  codes: 'part',
};

const suppressedColumn: ColumnSpec = {
  name: 'suppressed',
  type: 'BOOLEAN',
  nullable: false,
  description:
    'Vrai si la cellule est couverte par le secret statistique : ses mesures sont vides (jamais la valeur)',
};

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

export const CASES: TableSpec = {
  name: 'cases',
  label: 'Réclamations pour discrimination (publiées)',
  grain:
    'Le nombre de réclamations pour discrimination présumée d’une année, pour un territoire, une partie de ce territoire et, au-dessus de l’EPCI, un critère, un domaine ou un canal.',
  description:
    'Réclamations pour discrimination présumée adressées au Défenseur des droits, agrégées selon le plan de publication et protégées par le secret statistique avant publication. Une cellule absente vaut 0 là où la ventilation est publiée.',
  key: ['year', 'level', 'code', 'part', 'dimension', 'category'],
  suppression:
    'Secret primaire : tout effectif de 1 à 4. Secret secondaire décidé conjointement sur tous les niveaux, parties, sites et ventilations d’une année, jusqu’à ce qu’aucune cellule masquée ne puisse être recalculée à partir des cellules publiées ; vérifié par un audit d’algèbre linéaire exacte.',
  columns: [
    year('Année de réception'),
    levelColumn,
    codeColumn,
    partColumn,
    {
      name: 'dimension',
      type: 'VARCHAR',
      nullable: false,
      description: 'Ventilation : total, ou par critère, par domaine, par canal',
      codes: 'dimension',
    },
    {
      name: 'category',
      type: 'VARCHAR',
      nullable: true,
      description:
        'Modalité de la ventilation (code de critère, de domaine ou de canal), vide pour le total',
    },
    {
      name: 'count',
      type: 'INTEGER',
      nullable: true,
      description: 'Nombre de réclamations (vide si la cellule est secrète)',
      unit: 'réclamations',
      min: 0,
    },
    suppressedColumn,
  ],
};

export const NON_RECOURS: TableSpec = {
  name: 'non_recours',
  label: 'Non-recours aux droits (publié)',
  grain:
    'Population éligible estimée et non-recourants d’une prestation, une année, pour un territoire et une partie de ce territoire.',
  description:
    'Estimation du non-recours : personnes éligibles à une prestation qui ne la perçoivent pas. Le taux et son intervalle de confiance (Wilson, 95 %) sont calculés par l’application à partir des effectifs publiés. Une prestation se lit seule : additionner des prestations compterait plusieurs fois les mêmes personnes.',
  key: ['year', 'level', 'code', 'part', 'benefit'],
  suppression:
    'Secret primaire : population éligible de 1 à 29, ou non-recourants ou bénéficiaires de 1 à 4. Secret secondaire conjoint sur tous les niveaux, parties et sites d’une année et d’une prestation, vérifié par un audit d’algèbre linéaire exacte.',
  columns: [
    year(),
    levelColumn,
    codeColumn,
    partColumn,
    benefitColumn,
    {
      name: 'eligible',
      type: 'INTEGER',
      nullable: true,
      description: 'Population éligible estimée (vide si la cellule est secrète)',
      unit: 'personnes',
      min: 0,
    },
    {
      name: 'non_recipients',
      type: 'INTEGER',
      nullable: true,
      description: 'Personnes éligibles qui ne perçoivent pas la prestation (vide si secrète)',
      unit: 'personnes',
      min: 0,
    },
    suppressedColumn,
  ],
};

export const SERVICES: TableSpec = {
  name: 'services',
  label: 'France services',
  grain: 'Un lieu d’accueil France services (structure principale ou antenne).',
  description:
    'Lieux d’accueil France services avec leur commune, leur position, leur format et leur date de labellisation (liste de l’ANCT).',
  key: ['id'],
  suppression: 'Aucune : les lieux d’accueil sont publics.',
  columns: [
    { name: 'id', type: 'VARCHAR', nullable: false, description: 'Identifiant du lieu' },
    {
      name: 'type',
      type: 'VARCHAR',
      nullable: false,
      description: 'Type de lieu',
      codes: 'service_type',
    },
    {
      name: 'role',
      type: 'VARCHAR',
      nullable: true,
      description: 'Structure principale ou antenne',
      codes: 'service_role',
    },
    {
      name: 'format',
      type: 'VARCHAR',
      nullable: true,
      description: 'Format d’accueil (fixe, bus, itinérant…)',
      codes: 'service_format',
    },
    { name: 'name', type: 'VARCHAR', nullable: false, description: 'Nom du lieu' },
    territoryRef('commune', 'Code Insee de la commune d’implantation', false),
    { name: 'lon', type: 'DOUBLE', nullable: false, description: 'Longitude (WGS84)', unit: '°' },
    { name: 'lat', type: 'DOUBLE', nullable: false, description: 'Latitude (WGS84)', unit: '°' },
    {
      name: 'opened',
      type: 'DATE',
      nullable: false,
      description: 'Date d’ouverture (France services : date de labellisation)',
    },
    {
      name: 'closed',
      type: 'DATE',
      nullable: true,
      description: 'Date de fermeture, vide si ouvert',
    },
    {
      name: 'synthetic',
      type: 'BOOLEAN',
      nullable: false,
      description: 'Vrai si le lieu est fictif (jeu de démonstration)',
    },
  ],
};

export const INDICATORS_TABLE: TableSpec = {
  name: 'indicators',
  label: 'Catalogue des indicateurs',
  grain: 'Un indicateur.',
  description: 'Définition, unité, formule, niveaux de validité et source de chaque indicateur.',
  key: ['id'],
  suppression: 'Sans objet.',
  columns: [
    { name: 'id', type: 'VARCHAR', nullable: false, description: 'Identifiant' },
    { name: 'label', type: 'VARCHAR', nullable: false, description: 'Libellé' },
    { name: 'theme', type: 'VARCHAR', nullable: false, description: 'Thème' },
    { name: 'definition', type: 'VARCHAR', nullable: false, description: 'Définition' },
    { name: 'unit', type: 'VARCHAR', nullable: false, description: 'Unité' },
    {
      name: 'kind',
      type: 'VARCHAR',
      nullable: false,
      description: 'Effectif ou taux',
      codes: 'indicator_kind',
    },
    { name: 'source_table', type: 'VARCHAR', nullable: false, description: 'Table publiée lue' },
    {
      name: 'numerator',
      type: 'VARCHAR',
      nullable: false,
      description: 'Numérateur (colonne de la table publiée, ou agrégat pour les lieux)',
    },
    {
      name: 'denominator',
      type: 'VARCHAR',
      nullable: true,
      description: 'Dénominateur (colonne, ou « population »), vide pour un effectif',
    },
    {
      name: 'factor',
      type: 'DOUBLE',
      nullable: false,
      description:
        'Multiplicateur du ratio (100 pour un pourcentage, 100 000 pour un taux pour 100 000 habitants)',
    },
    {
      name: 'levels',
      type: 'VARCHAR',
      nullable: false,
      description: 'Niveaux territoriaux où l’indicateur est valide, séparés par des virgules',
    },
    {
      name: 'polarity',
      type: 'VARCHAR',
      nullable: false,
      description: 'Sens de lecture',
      codes: 'polarity',
    },
    { name: 'source', type: 'VARCHAR', nullable: false, description: 'Source' },
    { name: 'vintage', type: 'VARCHAR', nullable: false, description: 'Millésime' },
    {
      name: 'synthetic',
      type: 'BOOLEAN',
      nullable: false,
      description: 'Vrai si les valeurs sont synthétiques (démonstration)',
    },
  ],
};

/** Columns every grain table uses to locate a row: a commune and, for QPV residents, the QPV. */
const grainPlace: readonly ColumnSpec[] = [
  territoryRef(
    'commune',
    'Code Insee de la commune de résidence du réclamant ou de la population',
    false,
  ),
  territoryRef(
    'qpv',
    'Code du QPV en vigueur cette année-là si la population concernée y réside, vide sinon (« hors QPV »)',
  ),
];

export const CASES_GRAIN: TableSpec = {
  name: 'cases_grain',
  label: 'Réclamations pour discrimination (grain fin, interne)',
  grain:
    'Nombre de réclamations reçues une année (et un mois) pour une commune, un QPV ou le reste de la commune, un critère, un domaine et un canal.',
  description:
    'Fichier interne de l’observatoire (non nominatif mais non diffusable) : l’étape de publication en tire la table publiée « cases ». Vos propres fichiers à ce format restent dans votre navigateur.',
  key: ['year', 'month', 'commune_code', 'qpv_code', 'criterion', 'domain', 'channel'],
  suppression: 'Jamais publié tel quel : voir la table « cases ».',
  columns: [
    year('Année de réception'),
    {
      name: 'month',
      type: 'SMALLINT',
      nullable: true,
      description: 'Mois de réception (1 à 12), vide si le canal ne le fournit pas',
      min: 1,
    },
    ...grainPlace,
    {
      name: 'criterion',
      type: 'VARCHAR',
      nullable: false,
      description: 'Critère de discrimination invoqué',
      codes: 'criterion',
    },
    {
      name: 'domain',
      type: 'VARCHAR',
      nullable: false,
      description: 'Domaine de la discrimination',
      codes: 'domain',
    },
    {
      name: 'channel',
      type: 'VARCHAR',
      nullable: false,
      description: 'Canal de saisine',
      codes: 'channel',
    },
    {
      name: 'count',
      type: 'INTEGER',
      nullable: false,
      description: 'Nombre de réclamations',
      unit: 'réclamations',
      min: 0,
    },
  ],
};

export const NON_RECOURS_GRAIN: TableSpec = {
  name: 'non_recours_grain',
  label: 'Non-recours aux droits (grain fin, interne)',
  grain:
    'Population éligible estimée et bénéficiaires d’une prestation, une année, pour une commune, un QPV ou le reste de la commune.',
  description:
    'Fichier interne : l’étape de publication en tire la table publiée « non_recours ». Vos propres fichiers à ce format restent dans votre navigateur.',
  key: ['year', 'commune_code', 'qpv_code', 'benefit'],
  suppression: 'Jamais publié tel quel : voir la table « non_recours ».',
  columns: [
    year(),
    ...grainPlace,
    benefitColumn,
    {
      name: 'eligible',
      type: 'INTEGER',
      nullable: false,
      description: 'Population éligible estimée',
      unit: 'personnes',
      min: 0,
    },
    {
      name: 'recipients',
      type: 'INTEGER',
      nullable: false,
      description: 'Bénéficiaires effectifs parmi les éligibles',
      unit: 'personnes',
      min: 0,
    },
  ],
};

export const TABLES: Readonly<Record<TableName, TableSpec>> = {
  territories: TERRITORIES,
  indicators: INDICATORS_TABLE,
  populations: POPULATIONS,
  cases: CASES,
  non_recours: NON_RECOURS,
  services: SERVICES,
  cases_grain: CASES_GRAIN,
  non_recours_grain: NON_RECOURS_GRAIN,
};

/** Tables of the published data set, in load order (territories first: cells reference it). */
export const TABLE_NAMES: readonly PublishedTableName[] = [
  'territories',
  'indicators',
  'populations',
  'cases',
  'non_recours',
  'services',
];

/** `CREATE TABLE` column list for a table, shared by pipeline and app so types never drift. */
export function columnsDdl(table: TableSpec): string {
  return table.columns
    .map((c) => `"${c.name}" ${c.type}${c.nullable ? '' : ' NOT NULL'}`)
    .join(', ');
}
