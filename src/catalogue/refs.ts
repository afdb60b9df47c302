/**
 * Small types every layer shares: a reference to a territory and the territory-type filter (a
 * part of the territory). They live with the contract so that the query layer and the URL state
 * both build on them without importing each other.
 */
import { PARTS, type Part, type TerritoryLevel } from './codes';

/** A territory reference as it appears in the URL: `<level>:<code>`, e.g. `departement:93`. */
export interface TerritoryRef {
  readonly level: TerritoryLevel;
  readonly code: string;
}

/** The territory-type filter: a part of every territory (all, QPV, hors QPV, rural, FRR…). */
export type TerritoryType = Part;
export const TERRITORY_TYPES: readonly TerritoryType[] = PARTS;
