/** French strings of the engine layer (what a user reads). */
export const ENGINE_MESSAGES = {
  starting: 'Démarrage du moteur de requêtes',
  startFailed:
    'Le moteur de requêtes n’a pas pu démarrer. Vérifiez que votre navigateur est à jour, puis rechargez la page.',
  queryFailed: 'La requête a échoué.',
  stopped:
    'Le moteur de requêtes s’est arrêté (mémoire insuffisante, plantage ou onglet suspendu) : les vues ne peuvent plus être calculées.',
} as const;
