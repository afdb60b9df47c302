/** Example queries offered by the SQL console (French labels, SQL over the contract's tables). */
export interface ConsoleExample {
  readonly label: string;
  readonly sql: string;
}

export const CONSOLE_EXAMPLES: readonly ConsoleExample[] = [
  {
    label: 'Réclamations par critère en France, dernière année',
    sql: `SELECT category AS critere, "count" AS reclamations, suppressed
FROM cases
WHERE level = 'france' AND part = 'tous' AND dimension = 'criterion'
  AND year = (SELECT max(year) FROM cases)
ORDER BY reclamations DESC NULLS LAST`,
  },
  {
    label: 'Non-recours par prestation en France',
    sql: `SELECT benefit, eligible AS eligibles, non_recipients AS non_recourants,
  round(100 * non_recipients / eligible, 1) AS taux_non_recours_pct
FROM non_recours
WHERE level = 'france' AND part = 'tous' AND year = (SELECT max(year) FROM non_recours)
ORDER BY taux_non_recours_pct DESC`,
  },
  {
    label: 'Part des cellules communales secrètes, par année',
    sql: `SELECT year, count(*) AS cellules, count(*) FILTER (WHERE suppressed) AS secretes
FROM cases
WHERE level = 'commune' AND part = 'tous'
GROUP BY year
ORDER BY year`,
  },
  {
    label: 'France services par département',
    sql: `SELECT t.departement_code, count(*) AS lieux
FROM services AS s
JOIN territories AS t ON t.level = 'commune' AND t.code = s.commune_code
WHERE s.closed IS NULL
GROUP BY t.departement_code
ORDER BY lieux DESC`,
  },
  { label: 'Colonnes de la table des réclamations publiées', sql: 'DESCRIBE cases' },
  { label: 'Résumé statistique du non-recours publié', sql: 'SUMMARIZE non_recours' },
];
