/**
 * The closed lists of codes the contract uses: territory levels, parts of a territory, the
 * dimensions of the claims, benefits, the official zonings (density grid, FRR, ZRR), QPV lists.
 * Everything here is a plain value shared by the pipeline, the app and the own-file validator.
 */

/** Levels of the territory reference. `site` = an experimental site of the convention. */
export const TERRITORY_LEVELS = [
  'france',
  'region',
  'departement',
  'epci',
  'commune',
  'qpv',
  'site',
] as const;
export type TerritoryLevel = (typeof TERRITORY_LEVELS)[number];

/** Levels drawn on the map (France is the reference, sites are compared, not mapped). */
export const MAP_LEVELS = ['region', 'departement', 'epci', 'commune', 'qpv'] as const;
export type MapLevel = (typeof MAP_LEVELS)[number];

/**
 * Parts of a territory. `tous` is the whole; each other part pairs with its complement:
 * residents of the QPV in force that year / the others; rural / urban communes (Insee's density
 * grid); communes classed France Ruralités Revitalisation / the others; communes classed ZRR
 * (2017–2024) / the others.
 */
export const PARTS = [
  'tous',
  'qpv',
  'hors_qpv',
  'rural',
  'urbain',
  'frr',
  'hors_frr',
  'zrr',
  'hors_zrr',
] as const;
export type Part = (typeof PARTS)[number];

/** The four pairs `[part, complement]`: in every year where they apply, tous = part + complement. */
export const PART_PAIRS: readonly (readonly [Part, Part])[] = [
  ['qpv', 'hors_qpv'],
  ['rural', 'urbain'],
  ['frr', 'hors_frr'],
  ['zrr', 'hors_zrr'],
];

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

/**
 * How the published claims are broken down: `total`, or one axis at a time. Crossing two axes
 * would publish cells too small to show anywhere below the national level.
 */
export const CASE_DIMENSIONS = ['total', 'criterion', 'domain', 'channel'] as const;
export type CaseDimension = (typeof CASE_DIMENSIONS)[number];
export type CaseAxis = Exclude<CaseDimension, 'total'>;
export const CASE_AXES: readonly CaseAxis[] = ['criterion', 'domain', 'channel'];

/** Benefits studied for non-recours (calibration.md §9c). */
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

/**
 * Insee's communal density grid, 7 levels (grille communale de densité, 2022 method), in the
 * order of the grid (1 = grands centres urbains … 7 = rural à habitat très dispersé).
 */
export const DENSITY_LEVELS = [
  'grands_centres_urbains',
  'centres_urbains_intermediaires',
  'ceintures_urbaines',
  'petites_villes',
  'bourgs_ruraux',
  'rural_disperse',
  'rural_tres_disperse',
] as const;
export type DensityLevel = (typeof DENSITY_LEVELS)[number];

/** Insee's 4-level grid: dense / intermédiaire / peu dense / très peu dense. */
export const RURALITY = ['dense', 'intermediaire', 'peu_dense', 'tres_peu_dense'] as const;
export type Rurality = (typeof RURALITY)[number];

/** Insee's grouping of the 7 levels into the 4-level grid. */
export const RURALITY_OF_DENSITY: Readonly<Record<DensityLevel, Rurality>> = {
  grands_centres_urbains: 'dense',
  centres_urbains_intermediaires: 'intermediaire',
  ceintures_urbaines: 'intermediaire',
  petites_villes: 'intermediaire',
  bourgs_ruraux: 'peu_dense',
  rural_disperse: 'peu_dense',
  rural_tres_disperse: 'tres_peu_dense',
};

/** Rural communes as Insee defines them since 2020: peu denses or très peu denses. */
export const RURAL_CLASSES: readonly Rurality[] = ['peu_dense', 'tres_peu_dense'];

/** Where `rurality` comes from: Insee's grid, or (own files only) derived from the density. */
export const RURALITY_SOURCES = ['grille_insee', 'derivee_densite'] as const;

/**
 * France Ruralités Revitalisation, classification of 10 July 2025 (FRR socle, FRR+, partly
 * classed; « bénéficiaire » = former ZRR communes keeping the benefits, not FRR communes).
 */
export const FRR_CLASSES = [
  'frr_plus',
  'frr_socle',
  'frr_partiel',
  'beneficiaire',
  'beneficiaire_partiel',
  'non_classee',
] as const;
export type FrrClass = (typeof FRR_CLASSES)[number];
/** Classes counted in the `frr` part. */
export const FRR_MEMBERS: readonly FrrClass[] = ['frr_plus', 'frr_socle', 'frr_partiel'];

/** Zones de revitalisation rurale, arrêté of 16 March 2017 (in force until 30 June 2024). */
export const ZRR_CLASSES = ['classee', 'partielle', 'non_classee'] as const;
export type ZrrClass = (typeof ZRR_CLASSES)[number];
/** Classes counted in the `zrr` part. */
export const ZRR_MEMBERS: readonly ZrrClass[] = ['classee', 'partielle'];

/** The two QPV lists: 2015 (décret 2014-1750) and 2024 (décrets 2023-1314 and 2024-1211/1212). */
export const QPV_LISTS = ['2015', '2024'] as const;
export type QpvList = (typeof QPV_LISTS)[number];

/** Status of a 2024 QPV against the 2015 list (ANCT correspondence). */
export const QPV_STATUSES = ['inchange', 'modifie', 'nouveau', 'commune'] as const;
export type QpvStatus = (typeof QPV_STATUSES)[number];

/** Where a territory's point (`lon`, `lat`) comes from. */
export const POSITION_SOURCES = ['contour', 'commune'] as const;
export type PositionSource = (typeof POSITION_SOURCES)[number];

export const SERVICE_TYPES = ['france_services', 'msap', 'permanence_delegue'] as const;
export type ServiceType = (typeof SERVICE_TYPES)[number];

/** Principal structure or antenna (France services). */
export const SERVICE_ROLES = ['principal', 'antenne'] as const;
export type ServiceRole = (typeof SERVICE_ROLES)[number];

/** How a France services receives the public (ANCT list, `format_fs`). */
export const SERVICE_FORMATS = [
  'fixe',
  'fixe_antennes',
  'multisites',
  'bus',
  'itinerante',
] as const;
export type ServiceFormat = (typeof SERVICE_FORMATS)[number];

/** The four experimental sites of the 2015 CGET–Défenseur des droits convention. */
export const SITES = ['plaine_commune', 'vaulx_en_velin', 'ouest_provence', 'lens_lievin'] as const;
export type SiteId = (typeof SITES)[number];

export const INDICATOR_KINDS = ['count', 'rate'] as const;
export const POLARITIES = ['hausse_defavorable', 'hausse_favorable', 'neutre'] as const;

export const CODE_LISTS = {
  level: TERRITORY_LEVELS,
  part: PARTS,
  dimension: CASE_DIMENSIONS,
  criterion: CRITERIA,
  domain: DOMAINS,
  channel: CHANNELS,
  benefit: BENEFITS,
  density_level: DENSITY_LEVELS,
  rurality: RURALITY,
  rurality_source: RURALITY_SOURCES,
  frr: FRR_CLASSES,
  zrr: ZRR_CLASSES,
  qpv_list: QPV_LISTS,
  qpv_status: QPV_STATUSES,
  position: POSITION_SOURCES,
  service_type: SERVICE_TYPES,
  service_role: SERVICE_ROLES,
  service_format: SERVICE_FORMATS,
  site: SITES,
  indicator_kind: INDICATOR_KINDS,
  polarity: POLARITIES,
} as const;
export type CodeListKey = keyof typeof CODE_LISTS;

/** First and last year of the observatory's series (convention of 2015 → last yearly report). */
export const FIRST_YEAR = 2015;
export const LAST_YEAR = 2024;
