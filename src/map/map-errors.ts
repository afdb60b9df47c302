/**
 * MapLibre's errors in French. MapLibre raises English messages (« Worker failed to load. Check
 * that the worker URL is correct. », « AJAXError: Failed to fetch (0): … »); the map shows them
 * after « La carte n’a pas pu être mise à jour : », so they get a French sentence saying what
 * happened and what to do, and the English original stays in the console.
 */

/** French message for an error MapLibre reported (its `error` event). */
export function mapErrorMessage(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  if (/worker failed to load/i.test(text))
    return 'le module de dessin de la carte n’a pas pu être chargé (connexion perdue ou fichier manquant). Rechargez la page une fois la connexion rétablie.';
  if (/AJAXError|failed to fetch|NetworkError|load failed/i.test(text))
    return 'une partie des contours n’a pas pu être téléchargée (connexion perdue ?). Ils s’afficheront au retour du réseau.';
  return 'le moteur cartographique a rencontré une erreur (détail dans la console du navigateur).';
}
