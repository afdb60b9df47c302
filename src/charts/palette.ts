/**
 * Categorical colours for several territories on one chart: Okabe & Ito's palette, distinct for
 * the common forms of colour blindness, with DSFR blue first.
 */
export const CATEGORICAL = [
  '#000091',
  '#E69F00',
  '#009E73',
  '#CC79A7',
  '#56B4E9',
  '#D55E00',
  '#7a7a7a',
  '#F0E442',
] as const;

/** Year ticks: never "2 015". */
export const formatYear = (y: number): string => String(Math.round(y));
