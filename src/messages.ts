/**
 * The shell's user-facing strings, in one module so that a second language can be added by
 * swapping it. Labels of the data (codes, tables, indicators) live in src/catalogue.
 */

export const APP_TITLE =
  'Observatoire des discriminations et de l’accès aux droits dans les territoires';
export const APP_TAGLINE =
  'Agence nationale de la cohésion des territoires × Défenseur des droits — tableau de bord partagé';
export const BRAND_TOP = ['République', 'Française'] as const;

export const NAV_LABELS = {
  carte: 'Carte',
  series: 'Séries',
  sites: 'Sites',
  rapport: 'Rapport',
  donnees: 'Données',
} as const;

export const MESSAGES = {
  homeTitle: 'Accueil — Observatoire des discriminations et de l’accès aux droits',
  skipToContent: 'Contenu',
  skipToNav: 'Menu',
  skipToFooter: 'Pied de page',
  urlNoticeTitle: 'Certains paramètres de l’adresse ont été ignorés',
  dismiss: 'Masquer ce message',
  viewErrorTitle: 'Cette vue a rencontré une erreur',
  viewErrorBody:
    'L’affichage n’a pas pu aboutir. Vos choix sont conservés dans l’adresse de la page : vous pouvez réessayer ou changer de vue.',
  retry: 'Réessayer',
  engineFailedTitle: 'Le moteur de données n’a pas pu démarrer',
  engineFailedBody:
    'Les données ne peuvent pas être interrogées. Rechargez la page ; si le problème persiste, signalez-le avec le détail ci-dessous.',
  engineIncompleteTitle: 'Une partie des données n’a pas pu être chargée',
  engineIncompleteBody:
    'Les vues qui n’en ont pas besoin restent utilisables ; la console SQL et l’import de fichiers ne le sont pas. Rechargez la page ; si le problème persiste, signalez-le avec le détail ci-dessous.',
  engineLoading: 'Démarrage du moteur de données…',
  engineStoppedTitle: 'Le moteur de données s’est arrêté',
  engineStoppedBody:
    'Redémarrez-le : les données sont rechargées et la vue affichée garde ses réglages (l’adresse de la page ne change pas). Un fichier personnel chargé devra être importé de nouveau.',
  engineRestart: 'Redémarrer le moteur',
  offlineTitle: 'Hors ligne',
  updatedTitle: 'Une nouvelle version de l’observatoire est disponible',
  updatedBody:
    'rechargez la page pour l’utiliser : la vue affichée et ses réglages sont conservés (un fichier personnel chargé devra être importé de nouveau).',
  updatedReload: 'Recharger la page',
  offlineCachedOn: (date: string): string =>
    `l’application fonctionne avec les données en cache du ${date} ; elles seront mises à jour au retour du réseau.`,
  offlineNoCache:
    'seules les pages et les données déjà chargées restent disponibles ; rechargez la page au retour du réseau.',
  footerDescription:
    'Tableau de bord de l’observatoire partagé par l’Agence nationale de la cohésion des territoires (ANCT, ex-CGET) et le Défenseur des droits depuis la convention de 2015 : discriminations présumées, accès aux droits et aux services publics, non-recours, dans les quartiers prioritaires, les territoires ruraux, les France services et les sites expérimentaux.',
  footerSources:
    'Sources : Défenseur des droits (réclamations), DREES (méthode d’estimation du non-recours), Insee (COG, populations, grille de densité), ANCT (QPV, France services). Fonds géographiques : IGN Admin Express, Etalab.',
  footerLicence:
    'Code et données agrégées publiés sous Licence Ouverte / Open Licence 2.0 (Etalab).',
  confidentiality:
    'Secret statistique décidé à la publication : le jeu publié ne contient aucun effectif compris entre 1 et 4, et les cellules qui permettraient de le recalculer sont masquées elles aussi. Votre navigateur ne reçoit que ce qui peut être montré.',
} as const;

/** French notices produced while reading the URL (see src/state/url.ts). */
/** Tooltip line of a QPV drawn at its main commune (no official contour in the data set). */
export const QPV_AT_COMMUNE_TOOLTIP =
  'Position : commune principale du quartier (pas de contour officiel)';

export const URL_NOTICES = {
  unknownParam: (name: string) => `Paramètre inconnu « ${name} » ignoré.`,
  repeatedParam: (name: string) =>
    `Le paramètre « ${name} » apparaît plusieurs fois : seule la première valeur est prise en compte.`,
  invalidValue: (name: string, value: string, fallback: string) =>
    `Valeur « ${truncate(value)} » invalide pour « ${name} » : ${fallback} utilisé à la place.`,
  invalidListItem: (name: string, value: string) =>
    `Élément « ${truncate(value)} » invalide dans « ${name} » : ignoré.`,
  indicatorLevel: (indicator: string, level: string, fallback: string) =>
    `L’indicateur « ${indicator} » n’est pas disponible au niveau « ${level} » : niveau « ${fallback} » utilisé à la place.`,
  tooMany: (name: string, max: number) =>
    `Trop d’éléments dans « ${name} » : seuls les ${max} premiers sont conservés.`,
  controlChars:
    'Un paramètre de l’adresse contenait des caractères invalides ; ils ont été ignorés.',
  unreadableState: (name: string) =>
    `Le paramètre « ${name} » de l’adresse est illisible (lien tronqué ou modifié ?) : il a été ignoré.`,
  tooLong: (length: number, max: number) =>
    `Cette modification n’a pas été appliquée : l’adresse de la vue compterait ${length} caractères, au-delà des ${max} qu’un lien peut porter. Réduisez le nombre de territoires des groupes.`,
  oneAxis: (kept: string, dropped: string) =>
    `Les réclamations sont publiées selon un seul axe à la fois : « ${kept} » est conservé, « ${dropped} » ignoré.`,
} as const;

function truncate(value: string): string {
  return value.length > 40 ? `${value.slice(0, 40)}…` : value;
}
