/** French labels of every code of the contract (what a user reads). */
import type {
  Benefit,
  CaseDimension,
  Channel,
  Criterion,
  DensityLevel,
  Domain,
  FrrClass,
  Part,
  QpvStatus,
  Rurality,
  ServiceFormat,
  ServiceRole,
  ServiceType,
  SiteId,
  TerritoryLevel,
  ZrrClass,
} from './codes';

export const LEVEL_LABELS: Readonly<Record<TerritoryLevel, string>> = {
  france: 'France',
  region: 'Région',
  departement: 'Département',
  epci: 'EPCI',
  commune: 'Commune',
  qpv: 'QPV',
  site: 'Site expérimental',
};

export const LEVEL_LABELS_PLURAL: Readonly<Record<TerritoryLevel, string>> = {
  france: 'France',
  region: 'Régions',
  departement: 'Départements',
  epci: 'EPCI',
  commune: 'Communes',
  qpv: 'Quartiers prioritaires (QPV)',
  site: 'Sites expérimentaux',
};

export const PART_LABELS: Readonly<Record<Part, string>> = {
  tous: 'Ensemble',
  qpv: 'Habitants des QPV',
  hors_qpv: 'Hors QPV',
  rural: 'Communes rurales',
  urbain: 'Communes urbaines',
  frr: 'Communes FRR',
  hors_frr: 'Communes hors FRR',
  zrr: 'Communes en ZRR',
  hors_zrr: 'Communes hors ZRR',
};

export const DIMENSION_LABELS: Readonly<Record<CaseDimension, string>> = {
  total: 'Total',
  criterion: 'Critère',
  domain: 'Domaine',
  channel: 'Canal',
};

export const CRITERION_LABELS: Readonly<Record<Criterion, string>> = {
  handicap: 'Handicap',
  origine: 'Origine',
  etat_sante: 'État de santé',
  nationalite: 'Nationalité',
  sexe: 'Sexe',
  age: 'Âge',
  grossesse: 'Grossesse',
  situation_famille: 'Situation de famille',
  activites_syndicales: 'Activités syndicales',
  convictions_religieuses: 'Convictions religieuses',
  vulnerabilite_economique: 'Particulière vulnérabilité économique',
  orientation_sexuelle: 'Orientation sexuelle',
  identite_genre: 'Identité de genre',
  lieu_residence: 'Lieu de résidence',
  apparence_physique: 'Apparence physique',
  opinions_politiques: 'Opinions politiques',
  perte_autonomie: 'Perte d’autonomie',
  autre: 'Autres critères',
};

export const DOMAIN_LABELS: Readonly<Record<Domain, string>> = {
  emploi_prive: 'Emploi privé',
  emploi_public: 'Emploi public',
  biens_services_prives: 'Biens et services privés',
  services_publics: 'Services publics',
  logement: 'Logement',
  education_formation: 'Éducation et formation',
  protection_sociale: 'Protection sociale',
  autre: 'Autres domaines',
};

export const CHANNEL_LABELS: Readonly<Record<Channel, string>> = {
  delegues: 'Délégués territoriaux',
  plateforme_3928: 'Plateforme 39 28 / antidiscriminations.fr',
  siege: 'Siège (courrier, formulaire)',
};

export const BENEFIT_LABELS: Readonly<Record<Benefit, string>> = {
  rsa: 'RSA',
  prime_activite: 'Prime d’activité',
  css_sans_participation: 'Complémentaire santé solidaire sans participation',
  css_avec_participation: 'Complémentaire santé solidaire avec participation',
  aspa: 'Minimum vieillesse (ASPA)',
  are: 'Assurance chômage (ARE)',
  aah: 'Allocation aux adultes handicapés (AAH)',
  aides_logement: 'Aides au logement (APL)',
  cheque_energie: 'Chèque énergie',
};

export const RURALITY_LABELS: Readonly<Record<Rurality, string>> = {
  dense: 'Dense',
  intermediaire: 'Densité intermédiaire',
  peu_dense: 'Peu dense (rural)',
  tres_peu_dense: 'Très peu dense (rural)',
};

/** The 7 levels of Insee's communal density grid, as Insee names them. */
export const DENSITY_LEVEL_LABELS: Readonly<Record<DensityLevel, string>> = {
  grands_centres_urbains: 'Grands centres urbains',
  centres_urbains_intermediaires: 'Centres urbains intermédiaires',
  ceintures_urbaines: 'Ceintures urbaines',
  petites_villes: 'Petites villes',
  bourgs_ruraux: 'Bourgs ruraux',
  rural_disperse: 'Rural à habitat dispersé',
  rural_tres_disperse: 'Rural à habitat très dispersé',
};

export const FRR_LABELS: Readonly<Record<FrrClass, string>> = {
  frr_plus: 'FRR+',
  frr_socle: 'FRR socle',
  frr_partiel: 'Classée FRR partiellement',
  beneficiaire: 'Bénéficiaire (ancienne ZRR, hors FRR)',
  beneficiaire_partiel: 'Bénéficiaire partiellement (ancienne ZRR, hors FRR)',
  non_classee: 'Non classée',
};

export const ZRR_LABELS: Readonly<Record<ZrrClass, string>> = {
  classee: 'Classée en ZRR',
  partielle: 'Partiellement classée en ZRR',
  non_classee: 'Non classée',
};

export const QPV_STATUS_LABELS: Readonly<Record<QpvStatus, string>> = {
  inchange: 'Inchangé depuis la liste 2015',
  modifie: 'Contour modifié depuis la liste 2015',
  nouveau: 'Nouveau quartier en 2024',
  commune: 'Commune entière (Mayotte, liste 2024)',
};

export const SERVICE_ROLE_LABELS: Readonly<Record<ServiceRole, string>> = {
  principal: 'Structure principale',
  antenne: 'Antenne',
};

export const SERVICE_FORMAT_LABELS: Readonly<Record<ServiceFormat, string>> = {
  fixe: 'Fixe',
  fixe_antennes: 'Fixe avec antenne(s)',
  multisites: 'Multisites',
  bus: 'Bus (équivalent)',
  itinerante: 'Itinérante',
};

export const SERVICE_TYPE_LABELS: Readonly<Record<ServiceType, string>> = {
  france_services: 'France services',
  msap: 'Maison de services au public (MSAP)',
  permanence_delegue: 'Permanence d’un délégué du Défenseur des droits',
};

export const SITE_LABELS: Readonly<Record<SiteId, string>> = {
  plaine_commune: 'Plaine Commune (Aubervilliers, Saint-Denis…)',
  vaulx_en_velin: 'Vaulx-en-Velin (Métropole de Lyon)',
  ouest_provence: 'Ouest Provence (Istres, Miramas…)',
  lens_lievin: 'CA de Lens-Liévin (Pas-de-Calais)',
};

/** The note every view, export and report carries when the data are the synthetic demo set. */
export const SYNTHETIC_NOTE =
  'DONNÉES SYNTHÉTIQUES — réclamations et non-recours de démonstration, tirés au hasard sur la géographie réelle (QPV, grille de densité, FRR, ZRR, France services) et calibrés sur des agrégats nationaux publiés (Défenseur des droits, DREES, Insee/ONPV, ANCT) ; ce ne sont pas des données de l’observatoire.';
