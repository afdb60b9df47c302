/**
 * The two internal tables at the finest grain that the publication step reads (the observatory's
 * own files, or the synthetic demo grain). Never published; a user may load one in the browser,
 * where it is aggregated into cells.
 */
import { benefitColumn, territoryRef, year, type ColumnSpec, type TableSpec } from './table-spec';

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
