/** Dated events drawn as rules on every time series. */
export interface SeriesEvent {
  readonly date: string;
  /** Short label written beside the rule. */
  readonly label: string;
  /** Full description, for the data table and tooltips. */
  readonly description: string;
}

export const SERIES_EVENTS: readonly SeriesEvent[] = [
  {
    date: '2015-11-25',
    label: 'Convention CGET–DDD',
    description:
      'Signature de la convention de partenariat entre le CGET et le Défenseur des droits (25 novembre 2015).',
  },
  {
    date: '2021-02-12',
    label: '39 28 / antidiscriminations.fr',
    description:
      'Lancement de la plateforme de signalement 39 28 et du site antidiscriminations.fr (12 février 2021).',
  },
];

/** A date as a fractional year, on the same axis as yearly values. */
export function fractionalYear(date: string): number {
  const [y, m, d] = date.split('-').map(Number);
  const year = y ?? 0;
  const start = Date.UTC(year, 0, 1);
  const end = Date.UTC(year + 1, 0, 1);
  return year + (Date.UTC(year, (m ?? 1) - 1, d ?? 1) - start) / (end - start);
}
