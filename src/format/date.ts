/** fr-FR dates. All in UTC: dates of the dataset are calendar days, not instants. */

const MONTHS = [
  'janvier',
  'février',
  'mars',
  'avril',
  'mai',
  'juin',
  'juillet',
  'août',
  'septembre',
  'octobre',
  'novembre',
  'décembre',
] as const;

/** `2021-02-01` (string, Date or epoch milliseconds) → `"1er février 2021"`. */
export function formatDate(date: Date | string | number): string {
  const d = typeof date === 'object' ? date : new Date(date);
  if (Number.isNaN(d.getTime())) return '—';
  const day = d.getUTCDate();
  return `${day === 1 ? '1er' : day} ${MONTHS[d.getUTCMonth()] ?? ''} ${d.getUTCFullYear()}`;
}
