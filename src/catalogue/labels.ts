/** French labels of every code of the contract (what a user reads). */
import type {
  Benefit,
  Channel,
  Criterion,
  Domain,
  Rurality,
  ServiceType,
  SiteId,
  TerritoryLevel,
} from './schema';

export const LEVEL_LABELS: Readonly<Record<TerritoryLevel, string>> = {
  france: 'France',
  region: 'Région',
  departement: 'Département',
  epci: 'EPCI',
  commune: 'Commune',
  qpv: 'QPV',
};

export const LEVEL_LABELS_PLURAL: Readonly<Record<TerritoryLevel, string>> = {
  france: 'France',
  region: 'Régions',
  departement: 'Départements',
  epci: 'EPCI',
  commune: 'Communes',
  qpv: 'Quartiers prioritaires (QPV)',
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
  dense: 'Urbain dense',
  intermediaire: 'Urbain de densité intermédiaire',
  peu_dense: 'Rural bourg (peu dense)',
  tres_peu_dense: 'Rural à habitat dispersé (très peu dense)',
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
  'DONNÉES SYNTHÉTIQUES — jeu de démonstration calibré sur des agrégats nationaux publiés (Défenseur des droits, DREES, Insee/ONPV, ANCT) ; ce ne sont pas des données de l’observatoire.';
