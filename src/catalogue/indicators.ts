/**
 * The indicator catalogue. Each indicator says which fact table it reads, how its numerator and
 * denominator aggregate, where it is valid and how to read it. The query layer turns these into
 * SQL (with suppression); the pipeline writes this list as data/indicators.parquet.
 */
import type { MapLevel, TableName, TerritoryLevel } from './schema';

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
  readonly table: Extract<TableName, 'cases' | 'non_recours' | 'services'>;
  /** SQL aggregate over the fact table's columns (never user input). */
  readonly numerator: string;
  /**
   * Denominator: another aggregate over the same fact table, or the population of the territory
   * (resident population of the QPV / hors-QPV part when the territory-type filter applies).
   */
  readonly denominator:
    { readonly kind: 'fact'; readonly sql: string } | { readonly kind: 'population' } | null;
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
}

const ALL_LEVELS: readonly TerritoryLevel[] = [
  'france',
  'region',
  'departement',
  'epci',
  'commune',
  'qpv',
];
const DDD_SOURCE = 'Défenseur des droits — réclamations pour discrimination (jeu de démonstration)';
const NR_SOURCE = 'Estimations du non-recours (DREES, méthode) — jeu de démonstration';
const FS_SOURCE = 'ANCT — France services et MSAP (jeu de démonstration)';

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
    numerator: 'sum("count")',
    denominator: null,
    factor: 1,
    decimals: 0,
    levels: ALL_LEVELS,
    polarity: 'neutre',
    filters: ['criterion', 'domain', 'channel'],
    interval: null,
    source: DDD_SOURCE,
    vintage: '2015–2024',
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
    numerator: 'sum("count")',
    denominator: { kind: 'population' },
    factor: 100_000,
    decimals: 1,
    levels: ALL_LEVELS,
    polarity: 'neutre',
    filters: ['criterion', 'domain', 'channel'],
    interval: 'poisson',
    source: DDD_SOURCE,
    vintage: '2015–2024',
  },
  {
    id: 'non_recours_taux',
    label: 'Taux de non-recours',
    shortLabel: 'Non-recours (%)',
    theme: 'non_recours',
    definition:
      'Part des personnes éligibles à une prestation qui ne la perçoivent pas : (éligibles − bénéficiaires) / éligibles. Intervalle de Wilson à 95 %.',
    unit: '%',
    kind: 'rate',
    table: 'non_recours',
    numerator: 'sum(eligible - recipients)',
    denominator: { kind: 'fact', sql: 'sum(eligible)' },
    factor: 100,
    decimals: 1,
    levels: ALL_LEVELS,
    polarity: 'hausse_defavorable',
    filters: ['benefit'],
    interval: 'wilson',
    source: NR_SOURCE,
    vintage: '2015–2024',
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
    numerator: 'sum(eligible - recipients)',
    denominator: null,
    factor: 1,
    decimals: 0,
    levels: ALL_LEVELS,
    polarity: 'hausse_defavorable',
    filters: ['benefit'],
    interval: null,
    source: NR_SOURCE,
    vintage: '2015–2024',
  },
  {
    id: 'france_services',
    label: 'France services et MSAP ouvertes',
    shortLabel: 'France services',
    theme: 'acces_services',
    definition:
      'Nombre de France services (et, avant 2020, de Maisons de services au public) ouvertes au 31 décembre de l’année.',
    unit: 'lieux',
    kind: 'count',
    table: 'services',
    numerator: "count(*) FILTER (WHERE type IN ('france_services', 'msap'))",
    denominator: null,
    factor: 1,
    decimals: 0,
    levels: ['france', 'region', 'departement', 'epci', 'commune'],
    polarity: 'hausse_favorable',
    filters: [],
    interval: null,
    source: FS_SOURCE,
    vintage: '2015–2024',
  },
  {
    id: 'france_services_taux',
    label: 'France services et MSAP pour 100 000 habitants',
    shortLabel: 'France services / 100 000 hab.',
    theme: 'acces_services',
    definition:
      'Nombre de France services (ou MSAP) ouvertes au 31 décembre, pour 100 000 habitants.',
    unit: 'pour 100 000 habitants',
    kind: 'rate',
    table: 'services',
    numerator: "count(*) FILTER (WHERE type IN ('france_services', 'msap'))",
    denominator: { kind: 'population' },
    factor: 100_000,
    decimals: 1,
    levels: ['france', 'region', 'departement', 'epci'],
    polarity: 'hausse_favorable',
    filters: [],
    interval: null,
    source: FS_SOURCE,
    vintage: '2015–2024',
  },
];

export const DEFAULT_INDICATOR = 'reclamations_taux';

export function findIndicator(id: string): IndicatorDefinition | undefined {
  return INDICATORS.find((i) => i.id === id);
}

export function isValidAt(indicator: IndicatorDefinition, level: MapLevel | 'france'): boolean {
  return indicator.levels.includes(level);
}
