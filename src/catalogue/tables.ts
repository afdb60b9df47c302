/**
 * The aggregates contract: the tables of the published data set (what a browser may receive),
 * the two internal tables at the finest grain that the publication step reads (the observatory's
 * own files, or the synthetic demo grain), their columns, types and codes. This module is the one
 * definition of the schema: the pipeline (scripts/) writes through it, the app reads through it,
 * the own-file validator checks a user's file against it. Nothing here may import from scripts/
 * or from a DuckDB package.
 */
import { CASES_GRAIN, NON_RECOURS_GRAIN } from './grain-tables';
import { POPULATIONS, TERRITORIES } from './reference-tables';
import {
  benefitColumn,
  codeColumn,
  levelColumn,
  partColumn,
  suppressedColumn,
  territoryRef,
  year,
  type PublishedTableName,
  type TableName,
  type TableSpec,
} from './table-spec';

export type {
  ColumnSpec,
  ColumnType,
  GrainTableName,
  PublishedTableName,
  TableName,
  TableSpec,
} from './table-spec';
export { CASES_GRAIN, NON_RECOURS_GRAIN } from './grain-tables';
export { POPULATIONS, TERRITORIES } from './reference-tables';

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
      type: 'BIGINT',
      nullable: true,
      description: 'Population éligible estimée (vide si la cellule est secrète)',
      unit: 'personnes',
      min: 0,
    },
    {
      name: 'non_recipients',
      type: 'BIGINT',
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

/**
 * Tables a user's file may hold: the claims or the non-recours at the finest grain (the format of
 * the observatory's internal files, aggregated in the browser), already published cells, the
 * places, or the territory reference.
 */
export const LOADABLE_TABLES = [
  'cases_grain',
  'non_recours_grain',
  'cases',
  'non_recours',
  'services',
  'territories',
] as const;
export type LoadableTable = (typeof LOADABLE_TABLES)[number];
