/**
 * The indicator catalogue. Each indicator says which published table it reads, which column is
 * its numerator and what divides it, where it is valid and how to read it. The query layer turns
 * these into SQL over the published cells; the pipeline writes this list as
 * data/indicators.parquet.
 */
import type { Filters } from './refs';
import type { Benefit, MapLevel, TerritoryLevel } from './schema';

export type FilterKey = 'criterion' | 'domain' | 'channel' | 'benefit';
export type Theme = 'discriminations' | 'non_recours' | 'acces_services';

export const THEME_LABELS: Readonly<Record<Theme, string>> = {
  discriminations: 'Discriminations',
  non_recours: 'Non-recours aux droits',
  acces_services: 'Accès aux services',
};

export interface IndicatorDefinition {
  readonly id: string;
  readonly label: string;
  readonly shortLabel: string;
  readonly theme: Theme;
  readonly definition: string;
  readonly unit: string;
  readonly kind: 'count' | 'rate';
  readonly table: 'cases' | 'non_recours' | 'services';
  /**
   * The numerator: a column of the published cells (`count`, `non_recipients`), or for the
   * public list of places an aggregate over its rows (never user input).
   */
  readonly numerator: string;
  /**
   * Denominator: another column of the same cells (`eligible`), or the population of the
   * territory's part (populations table).
   */
  readonly denominator:
    { readonly kind: 'column'; readonly column: string } | { readonly kind: 'population' } | null;
  readonly factor: number;
  readonly decimals: number;
  readonly levels: readonly TerritoryLevel[];
  readonly polarity: 'hausse_defavorable' | 'hausse_favorable' | 'neutre';
  /** Dimensions the user may filter this indicator by. */
  readonly filters: readonly FilterKey[];
  /** Confidence interval method, when the indicator has one. */
  readonly interval: 'wilson' | 'poisson' | null;
  readonly source: string;
  readonly vintage: string;
  /** Whether the figures are the synthetic demo set (not the observatory's data). */
  readonly synthetic: boolean;
}

const ALL_LEVELS: readonly TerritoryLevel[] = [
  'france',
  'region',
  'departement',
  'epci',
  'commune',
  'qpv',
  'site',
];
const DDD_SOURCE =
  'Défenseur des droits — réclamations pour discrimination (jeu de démonstration synthétique)';
const NR_SOURCE = 'Estimations du non-recours (méthode DREES) — jeu de démonstration synthétique';
const FS_SOURCE = 'ANCT — liste des France services au 1er août 2024 (Licence Ouverte)';

/** The benefit a non-recours figure shows when none is chosen (a benefit is read alone). */
export const DEFAULT_BENEFIT: Benefit = 'rsa';

export const INDICATORS: readonly IndicatorDefinition[] = [
  {
    id: 'reclamations',
    label: 'Réclamations pour discrimination',
    shortLabel: 'Réclamations',
    theme: 'discriminations',
    definition:
      'Nombre de réclamations pour discrimination présumée reçues par le Défenseur des droits, selon la commune de résidence du réclamant.',
    unit: 'réclamations',
    kind: 'count',
    table: 'cases',
    numerator: 'count',
    denominator: null,
    factor: 1,
    decimals: 0,
    levels: ALL_LEVELS,
    polarity: 'neutre',
    filters: ['criterion', 'domain', 'channel'],
    interval: null,
    source: DDD_SOURCE,
    vintage: '2015–2024',
    synthetic: true,
  },
  {
    id: 'reclamations_taux',
    label: 'Réclamations pour discrimination pour 100 000 habitants',
    shortLabel: 'Réclamations / 100 000 hab.',
    theme: 'discriminations',
    definition:
      'Nombre de réclamations pour discrimination rapporté à la population municipale, pour 100 000 habitants. Intervalle de confiance de Poisson exact à 95 %.',
    unit: 'pour 100 000 habitants',
    kind: 'rate',
    table: 'cases',
    numerator: 'count',
    denominator: { kind: 'population' },
    factor: 100_000,
    decimals: 1,
    levels: ALL_LEVELS,
    polarity: 'neutre',
    filters: ['criterion', 'domain', 'channel'],
    interval: 'poisson',
    source: DDD_SOURCE,
    vintage: '2015–2024',
    synthetic: true,
  },
  {
    id: 'non_recours_taux',
    label: 'Taux de non-recours',
    shortLabel: 'Non-recours (%)',
    theme: 'non_recours',
    definition:
      'Part des personnes éligibles à une prestation qui ne la perçoivent pas : non-recourants / éligibles, prestation par prestation. Intervalle de Wilson à 95 %.',
    unit: '%',
    kind: 'rate',
    table: 'non_recours',
    numerator: 'non_recipients',
    denominator: { kind: 'column', column: 'eligible' },
    factor: 100,
    decimals: 1,
    levels: ALL_LEVELS,
    polarity: 'hausse_defavorable',
    filters: ['benefit'],
    interval: 'wilson',
    source: NR_SOURCE,
    vintage: '2015–2024',
    synthetic: true,
  },
  {
    id: 'non_recourants',
    label: 'Personnes éligibles non bénéficiaires',
    shortLabel: 'Non-recourants',
    theme: 'non_recours',
    definition: 'Nombre estimé de personnes éligibles à une prestation qui ne la perçoivent pas.',
    unit: 'personnes',
    kind: 'count',
    table: 'non_recours',
    numerator: 'non_recipients',
    denominator: null,
    factor: 1,
    decimals: 0,
    levels: ALL_LEVELS,
    polarity: 'hausse_defavorable',
    filters: ['benefit'],
    interval: null,
    source: NR_SOURCE,
    vintage: '2015–2024',
    synthetic: true,
  },
  {
    id: 'france_services',
    label: 'France services labellisées',
    shortLabel: 'France services',
    theme: 'acces_services',
    definition:
      'Nombre de France services (structures principales et antennes) labellisées au 31 décembre de l’année et encore ouvertes au 1er août 2024 : la liste de l’ANCT ne donne ni les fermetures ni les anciennes Maisons de services au public (MSAP).',
    unit: 'lieux',
    kind: 'count',
    table: 'services',
    numerator: "count(*) FILTER (WHERE type IN ('france_services', 'msap'))",
    denominator: null,
    factor: 1,
    decimals: 0,
    levels: ['france', 'region', 'departement', 'epci', 'commune', 'site'],
    polarity: 'hausse_favorable',
    filters: [],
    interval: null,
    source: FS_SOURCE,
    vintage: '2020–2024 (dates de labellisation)',
    synthetic: false,
  },
  {
    id: 'france_services_taux',
    label: 'France services pour 100 000 habitants',
    shortLabel: 'France services / 100 000 hab.',
    theme: 'acces_services',
    definition:
      'Nombre de France services labellisées au 31 décembre (et encore ouvertes au 1er août 2024), pour 100 000 habitants.',
    unit: 'pour 100 000 habitants',
    kind: 'rate',
    table: 'services',
    numerator: "count(*) FILTER (WHERE type IN ('france_services', 'msap'))",
    denominator: { kind: 'population' },
    factor: 100_000,
    decimals: 1,
    levels: ['france', 'region', 'departement', 'epci', 'site'],
    polarity: 'hausse_favorable',
    filters: [],
    interval: null,
    source: FS_SOURCE,
    vintage: '2020–2024 (dates de labellisation)',
    synthetic: false,
  },
];

export const DEFAULT_INDICATOR = 'reclamations_taux';

export function findIndicator(id: string): IndicatorDefinition | undefined {
  return INDICATORS.find((i) => i.id === id);
}

/** The indicator `id` names, else the default one (a stale or mistyped URL still shows a view). */
export function indicatorOrDefault(id: string): IndicatorDefinition {
  return (
    findIndicator(id) ?? findIndicator(DEFAULT_INDICATOR) ?? (INDICATORS[0] as IndicatorDefinition)
  );
}

export function isValidAt(indicator: IndicatorDefinition, level: MapLevel | 'france'): boolean {
  return indicator.levels.includes(level);
}

/**
 * The filters `indicator` accepts among `chosen` (the others are dropped, not applied): the
 * filters of the same choices for another indicator.
 */
export function acceptedFilters(indicator: IndicatorDefinition, chosen: Filters): Filters {
  const keep = <K extends FilterKey>(k: K): Filters[K] =>
    indicator.filters.includes(k) ? chosen[k] : null;
  return {
    criterion: keep('criterion'),
    domain: keep('domain'),
    channel: keep('channel'),
    benefit: keep('benefit'),
    territoryType: chosen.territoryType,
  };
}
