/**
 * Small types every layer shares: a reference to a territory, the territory-type filter (a part of
 * the territory), the filters of a query and the map's centre and zoom. They live with the
 * contract so that the query layer, the URL state and the map build on them without importing
 * each other.
 */
import {
  PARTS,
  type Benefit,
  type Channel,
  type Criterion,
  type Domain,
  type Part,
  type TerritoryLevel,
} from './codes';

/** A territory reference as it appears in the URL: `<level>:<code>`, e.g. `departement:93`. */
export interface TerritoryRef {
  readonly level: TerritoryLevel;
  readonly code: string;
}

/** The territory-type filter: a part of every territory (all, QPV, hors QPV, rural, FRR…). */
export type TerritoryType = Part;
export const TERRITORY_TYPES: readonly TerritoryType[] = PARTS;

/** The filters a query is asked for; `src/query/filters.ts` turns them into SQL. */
export interface Filters {
  readonly criterion: Criterion | null;
  readonly domain: Domain | null;
  readonly channel: Channel | null;
  readonly benefit: Benefit | null;
  readonly territoryType: TerritoryType;
}

/** No filter: every criterion, domain, channel, the default benefit, the whole territory. */
export const NO_FILTERS: Filters = {
  criterion: null,
  domain: null,
  channel: null,
  benefit: null,
  territoryType: 'tous',
};

/** The map's centre and zoom (rounded in the URL). */
export interface MapView {
  readonly lon: number;
  readonly lat: number;
  readonly zoom: number;
}
