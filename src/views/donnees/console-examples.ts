/** Example queries offered by the SQL console (French labels, SQL over the contract's tables). */
export interface ConsoleExample {
  readonly label: string;
  readonly sql: string;
}

export const CONSOLE_EXAMPLES: readonly ConsoleExample[] = [
  {
    label: 'Réclamations par critère, dernière année',
    sql: `SELECT criterion, sum("count") AS reclamations
FROM cases
WHERE year = (SELECT max(year) FROM cases)
GROUP BY criterion
ORDER BY reclamations DESC`,
  },
  {
    label: 'Non-recours par prestation',
    sql: `SELECT benefit,
  sum(eligible) AS eligibles,
  sum(eligible - recipients) AS non_recourants,
  round(100 * sum(eligible - recipients) / sum(eligible), 1) AS taux_non_recours_pct
FROM non_recours
WHERE year = (SELECT max(year) FROM non_recours)
GROUP BY benefit
ORDER BY taux_non_recours_pct DESC`,
  },
  {
    label: 'Lieux d’accueil ouverts par département',
    sql: `SELECT t.departement_code, count(*) AS lieux
FROM services AS s
JOIN territories AS t ON t.level = 'commune' AND t.code = s.commune_code
WHERE s.closed IS NULL
GROUP BY t.departement_code
ORDER BY lieux DESC`,
  },
  { label: 'Colonnes de la table des réclamations', sql: 'DESCRIBE cases' },
  { label: 'Résumé statistique du non-recours', sql: 'SUMMARIZE non_recours' },
];
