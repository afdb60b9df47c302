/**
 * The aggregates contract: the tables the observatory exchanges, their columns, types, codes and
 * confidentiality settings. This module is the one definition of the schema. The pipeline
 * (scripts/) writes through it, the app reads through it, and the own-file validator checks a
 * user's file against it. Nothing here may import from scripts/ or from a DuckDB package.
 */

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

export type TableName = 'territories' | 'cases' | 'non_recours' | 'services' | 'indicators';

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

// ---------------------------------------------------------------------------------------------
// Code lists
// ---------------------------------------------------------------------------------------------

export const TERRITORY_LEVELS = [
  'france',
  'region',
  'departement',
  'epci',
  'commune',
  'qpv',
] as const;
export type TerritoryLevel = (typeof TERRITORY_LEVELS)[number];

/** Levels drawn on the map (France is the reference, not a map level). */
export const MAP_LEVELS = ['region', 'departement', 'epci', 'commune', 'qpv'] as const;
export type MapLevel = (typeof MAP_LEVELS)[number];

/** The 18 categories the Défenseur des droits codes in its statistics (calibration.md §9a). */
export const CRITERIA = [
  'handicap',
  'origine',
  'etat_sante',
  'nationalite',
  'sexe',
  'age',
  'grossesse',
  'situation_famille',
  'activites_syndicales',
  'convictions_religieuses',
  'vulnerabilite_economique',
  'orientation_sexuelle',
  'identite_genre',
  'lieu_residence',
  'apparence_physique',
  'opinions_politiques',
  'perte_autonomie',
  'autre',
] as const;
export type Criterion = (typeof CRITERIA)[number];

/** Domains ("situations") of the discrimination (calibration.md §9b, 10a). */
export const DOMAINS = [
  'emploi_prive',
  'emploi_public',
  'biens_services_prives',
  'services_publics',
  'logement',
  'education_formation',
  'protection_sociale',
  'autre',
] as const;
export type Domain = (typeof DOMAINS)[number];

/** How the claim reached the Défenseur des droits. */
export const CHANNELS = ['delegues', 'plateforme_3928', 'siege'] as const;
export type Channel = (typeof CHANNELS)[number];

/** Benefits studied for non-recours (calibration.md §9c, issue 2). */
export const BENEFITS = [
  'rsa',
  'prime_activite',
  'css_sans_participation',
  'css_avec_participation',
  'aspa',
  'are',
  'aah',
  'aides_logement',
  'cheque_energie',
] as const;
export type Benefit = (typeof BENEFITS)[number];

/** Insee's 4-level communal density grid; rural = peu dense + très peu dense (Insee, 2020). */
export const RURALITY = ['dense', 'intermediaire', 'peu_dense', 'tres_peu_dense'] as const;
export type Rurality = (typeof RURALITY)[number];
export const RURAL_CLASSES: readonly Rurality[] = ['peu_dense', 'tres_peu_dense'];

/** Whether `rurality` comes from Insee's official grid or was derived from population and area. */
export const RURALITY_SOURCES = ['grille_insee', 'derivee_densite'] as const;

export const SERVICE_TYPES = ['france_services', 'msap', 'permanence_delegue'] as const;
export type ServiceType = (typeof SERVICE_TYPES)[number];

/** The four experimental sites of the 2015 CGET–Défenseur des droits convention. */
export const SITES = ['plaine_commune', 'vaulx_en_velin', 'ouest_provence', 'lens_lievin'] as const;
export type SiteId = (typeof SITES)[number];

export const INDICATOR_KINDS = ['count', 'rate'] as const;
export const POLARITIES = ['hausse_defavorable', 'hausse_favorable', 'neutre'] as const;

export const CODE_LISTS = {
  level: TERRITORY_LEVELS,
  criterion: CRITERIA,
  domain: DOMAINS,
  channel: CHANNELS,
  benefit: BENEFITS,
  rurality: RURALITY,
  rurality_source: RURALITY_SOURCES,
  service_type: SERVICE_TYPES,
  site: SITES,
  indicator_kind: INDICATOR_KINDS,
  polarity: POLARITIES,
} as const;
export type CodeListKey = keyof typeof CODE_LISTS;

/** First and last year of the observatory's series (convention of 2015 → last yearly report). */
export const FIRST_YEAR = 2015;
export const LAST_YEAR = 2024;

// ---------------------------------------------------------------------------------------------
// Confidentiality settings
// ---------------------------------------------------------------------------------------------

/**
 * Statistical confidentiality. A count n with 0 < n < `minCount` is never shown; a rate is shown
 * only when its numerator passes that rule and its denominator is at least `minDenominator`.
 * Secondary suppression then hides the smallest other cell of any group whose total is shown, so
 * that no hidden cell can be recomputed from the total (see src/query and data/README.md).
 */
export const CONFIDENTIALITY = {
  cases: { minCount: 5, minDenominator: 0 },
  non_recours: { minCount: 5, minDenominator: 30 },
  services: { minCount: 0, minDenominator: 0 },
} as const;

// ---------------------------------------------------------------------------------------------
// Tables
// ---------------------------------------------------------------------------------------------

const territoryRef = (level: TerritoryLevel, description: string, nullable = true): ColumnSpec => ({
  name: `${level}_code`,
  type: 'VARCHAR',
  nullable,
  description,
  references: level,
});

export const TERRITORIES: TableSpec = {
  name: 'territories',
  label: 'Territoires',
  grain: 'Un territoire d’un niveau donné (France, région, département, EPCI, commune, QPV).',
  description:
    'Référentiel des territoires : codes officiels (COG Insee, SIREN des EPCI, code QPV), rattachements, population, ruralité, centroïde et appartenance aux sites expérimentaux.',
  key: ['level', 'code'],
  suppression: 'Aucune mesure soumise au secret : les populations sont publiques.',
  columns: [
    {
      name: 'level',
      type: 'VARCHAR',
      nullable: false,
      description: 'Niveau territorial',
      codes: 'level',
    },
    {
      name: 'code',
      type: 'VARCHAR',
      nullable: false,
      description:
        'Code officiel du territoire, unique dans son niveau (FR, code région, département, SIREN d’EPCI, code commune Insee, code QPV)',
    },
    { name: 'name', type: 'VARCHAR', nullable: false, description: 'Nom du territoire' },
    territoryRef('region', 'Code de la région de rattachement'),
    territoryRef('departement', 'Code du département de rattachement'),
    territoryRef('epci', 'SIREN de l’EPCI à fiscalité propre de rattachement'),
    territoryRef('commune', 'Pour un QPV : code de sa commune principale'),
    {
      name: 'population',
      type: 'INTEGER',
      nullable: false,
      description: 'Population municipale',
      unit: 'habitants',
      min: 0,
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
      name: 'rurality',
      type: 'VARCHAR',
      nullable: true,
      description: 'Classe de densité (grille communale à 4 niveaux)',
      codes: 'rurality',
    },
    {
      name: 'rurality_source',
      type: 'VARCHAR',
      nullable: true,
      description:
        'Origine de la classe de densité : grille officielle Insee ou dérivée de la population et de la superficie',
      codes: 'rurality_source',
    },
    {
      name: 'lon',
      type: 'DOUBLE',
      nullable: true,
      description: 'Longitude du centroïde (WGS84)',
      unit: '°',
    },
    {
      name: 'lat',
      type: 'DOUBLE',
      nullable: true,
      description: 'Latitude du centroïde (WGS84)',
      unit: '°',
    },
    {
      name: 'site',
      type: 'VARCHAR',
      nullable: true,
      description: 'Site expérimental de la convention dont la commune (ou le QPV) fait partie',
      codes: 'site',
    },
    {
      name: 'synthetic',
      type: 'BOOLEAN',
      nullable: false,
      description: 'Vrai si le territoire est fictif (QPV de démonstration)',
    },
    {
      name: 'vintage',
      type: 'VARCHAR',
      nullable: false,
      description: 'Millésime du référentiel (ex. « COG 2025 », « QPV démo »)',
    },
  ],
};

/** Columns every fact table uses to locate a row: a commune and, for QPV residents, the QPV. */
const factPlace: readonly ColumnSpec[] = [
  territoryRef(
    'commune',
    'Code Insee de la commune de résidence du réclamant ou de la population',
    false,
  ),
  {
    ...territoryRef(
      'qpv',
      'Code du QPV si la population concernée y réside, vide sinon (« hors QPV »)',
    ),
  },
];

export const CASES: TableSpec = {
  name: 'cases',
  label: 'Réclamations pour discrimination',
  grain:
    'Nombre de réclamations pour discrimination présumée reçues une année (et un mois) pour une commune, un QPV ou le reste de la commune, un critère, un domaine et un canal.',
  description:
    'Réclamations pour discrimination présumée adressées au Défenseur des droits, agrégées (non nominatives).',
  key: ['year', 'month', 'commune_code', 'qpv_code', 'criterion', 'domain', 'channel'],
  suppression:
    'Tout effectif compris entre 1 et 4 est masqué ; une cellule supplémentaire (la plus petite) est masquée dans chaque groupe dont le total est affiché, pour qu’aucune valeur masquée ne puisse être recalculée par différence.',
  columns: [
    {
      name: 'year',
      type: 'SMALLINT',
      nullable: false,
      description: 'Année de réception',
      min: FIRST_YEAR,
    },
    {
      name: 'month',
      type: 'SMALLINT',
      nullable: true,
      description: 'Mois de réception (1 à 12), vide si le canal ne le fournit pas',
      min: 1,
    },
    ...factPlace,
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

export const NON_RECOURS: TableSpec = {
  name: 'non_recours',
  label: 'Non-recours aux droits',
  grain:
    'Population éligible estimée et bénéficiaires d’une prestation, une année, pour une commune, un QPV ou le reste de la commune.',
  description:
    'Estimation du non-recours : part des personnes éligibles à une prestation qui ne la perçoivent pas. Le taux et son intervalle de confiance (Wilson, 95 %) sont calculés par la couche de requêtes à partir des effectifs.',
  key: ['year', 'commune_code', 'qpv_code', 'benefit'],
  suppression:
    'Le taux n’est affiché que si la population éligible atteint 30 et si le nombre de non-recourants n’est pas compris entre 1 et 4 ; secret secondaire comme pour les réclamations.',
  columns: [
    { name: 'year', type: 'SMALLINT', nullable: false, description: 'Année', min: FIRST_YEAR },
    ...factPlace,
    {
      name: 'benefit',
      type: 'VARCHAR',
      nullable: false,
      description: 'Prestation',
      codes: 'benefit',
    },
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

export const SERVICES: TableSpec = {
  name: 'services',
  label: 'Points d’accès aux services et aux droits',
  grain:
    'Un lieu d’accueil : France services, Maison de services au public (MSAP) ou permanence d’un délégué du Défenseur des droits.',
  description:
    'Lieux d’accueil avec leur commune, leur position et leurs dates d’ouverture et de fermeture.',
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
    { name: 'name', type: 'VARCHAR', nullable: false, description: 'Nom du lieu' },
    territoryRef('commune', 'Code Insee de la commune d’implantation', false),
    { name: 'lon', type: 'DOUBLE', nullable: false, description: 'Longitude (WGS84)', unit: '°' },
    { name: 'lat', type: 'DOUBLE', nullable: false, description: 'Latitude (WGS84)', unit: '°' },
    {
      name: 'opened',
      type: 'DATE',
      nullable: false,
      description: 'Date d’ouverture (ou de labellisation)',
    },
    {
      name: 'closed',
      type: 'DATE',
      nullable: true,
      description: 'Date de fermeture ou de changement de label, vide si ouvert',
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
    { name: 'source_table', type: 'VARCHAR', nullable: false, description: 'Table de faits' },
    {
      name: 'numerator',
      type: 'VARCHAR',
      nullable: false,
      description: 'Numérateur (expression SQL d’agrégat)',
    },
    {
      name: 'denominator',
      type: 'VARCHAR',
      nullable: true,
      description: 'Dénominateur (expression SQL d’agrégat), vide pour un effectif',
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

export const TABLES: Readonly<Record<TableName, TableSpec>> = {
  territories: TERRITORIES,
  cases: CASES,
  non_recours: NON_RECOURS,
  services: SERVICES,
  indicators: INDICATORS_TABLE,
};

/** Tables loaded by the app, in load order (territories first: facts reference it). */
export const TABLE_NAMES: readonly TableName[] = [
  'territories',
  'indicators',
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
