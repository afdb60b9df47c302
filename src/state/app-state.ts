/**
 * The typed state of a shareable view. The URL is its record (src/state/url.ts parses and
 * serialises it; defaults are left out of the URL). Parameter names are French, as users read
 * and share them: vue, indicateur, niveau, periode, territoire, critere, domaine, canal,
 * prestation, type, carte (centre/zoom), comparer (territories on the series), groupes (custom
 * site groups), sites.
 */
import type {
  Benefit,
  Channel,
  Criterion,
  Domain,
  MapLevel,
  MapView,
  SiteId,
  TerritoryRef,
  TerritoryType,
} from '../catalogue';

export { TERRITORY_TYPES, type MapView, type TerritoryRef, type TerritoryType } from '../catalogue';

export const VIEWS = ['carte', 'series', 'sites', 'rapport', 'donnees'] as const;
export type ViewId = (typeof VIEWS)[number];

/** A user-built group of territories, compared like an experimental site. */
export interface CustomGroup {
  readonly name: string;
  readonly members: readonly TerritoryRef[];
}

/**
 * What differs on the second map of Carte (`carte2`): another year and/or another indicator;
 * level, filters, classification and view are shared with the first map.
 */
export interface SecondMap {
  readonly year: number | null;
  readonly indicator: string | null;
}

export interface AppState {
  readonly view: ViewId;
  readonly indicator: string;
  readonly level: MapLevel;
  /** Year shown by the map and the reference year of comparisons. */
  readonly year: number;
  /** Selected territory (profile panel), if any. */
  readonly territory: TerritoryRef | null;
  readonly criterion: Criterion | null;
  readonly domain: Domain | null;
  readonly channel: Channel | null;
  readonly benefit: Benefit | null;
  readonly territoryType: TerritoryType;
  /** Map centre and zoom, rounded; null = fit France. */
  readonly map: MapView | null;
  /** Territories compared on the Séries view. */
  readonly compare: readonly TerritoryRef[];
  /** Séries: absolute values or base 100 at the first year. */
  readonly base100: boolean;
  /** Séries: one chart or small multiples. */
  readonly smallMultiples: boolean;
  /** Sites compared on the Sites view and in the report. */
  readonly sites: readonly SiteId[];
  readonly groups: readonly CustomGroup[];
  /** Map classification method and number of classes. */
  readonly classification: 'quantiles' | 'jenks' | 'egal';
  readonly classes: number;
  /** Carte: a second map side by side, with what differs from the first; null = one map. */
  readonly secondMap: SecondMap | null;
  /** Overlay France services points on the map. */
  readonly showServices: boolean;
  /**
   * Embedded in another site (`integration=1`): one map or chart with its title, legend and
   * source, without the site's header, navigation and footer.
   */
  readonly integration: boolean;
}
