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

/** `(2021, 2)` → `"février 2021"`; a null month gives the year alone. */
export function formatMonth(year: number, month: number | null): string {
  const name = month === null ? undefined : MONTHS[month - 1];
  return name ? `${name} ${year}` : String(year);
}

/** `(2015, 2024)` → `"2015–2024"`, or a single year when both are equal. */
export function formatYearRange(from: number, to: number): string {
  return from === to ? String(from) : `${from}–${to}`;
}
