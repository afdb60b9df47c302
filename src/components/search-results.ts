/** The rows of a `territorySearch` result (a dozen at most) as typed options. */
import type { Table } from 'apache-arrow';
import { INSETS, TERRITORY_LEVELS, toDisplay, type TerritoryLevel } from '../catalogue';
import type { NamedTerritory } from '../format/territory';

export interface SearchResult {
  readonly level: TerritoryLevel;
  readonly code: string;
  readonly name: string;
  readonly postcodes: readonly string[];
  readonly qpvList: string | null;
  /** Its point in display coordinates (DROM moved into their insets), when it has one. */
  readonly point: readonly [number, number] | null;
  /** How much its inset shrinks it (1 in metropolitan France). */
  readonly scale: number;
  /** The territory named beside it: a QPV's commune, a commune's département… */
  readonly parent: NamedTerritory | null;
}

const asLevel = (v: unknown): TerritoryLevel | null =>
  TERRITORY_LEVELS.find((l) => l === v) ?? null;

const text = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

export function readSearchResults(t: Table): SearchResult[] {
  const col = (name: string) => t.getChild(name);
  const out: SearchResult[] = [];
  for (let i = 0; i < t.numRows; i++) {
    const level = asLevel(col('level')?.get(i));
    if (!level) continue;
    const parentLevel = asLevel(col('parent_level')?.get(i));
    const parentCode = text(col('parent_code')?.get(i));
    const dep = text(col('departement_code')?.get(i));
    const lon = col('lon')?.get(i) as unknown;
    const lat = col('lat')?.get(i) as unknown;
    out.push({
      level,
      code: String(col('code')?.get(i)),
      name: String(col('name')?.get(i)),
      postcodes: text(col('postcodes')?.get(i))?.split(';') ?? [],
      qpvList: text(col('qpv_list')?.get(i)),
      point: typeof lon === 'number' && typeof lat === 'number' ? toDisplay(dep, [lon, lat]) : null,
      scale: (dep ? INSETS[dep]?.scale : undefined) ?? 1,
      parent:
        parentLevel && parentCode
          ? { level: parentLevel, code: parentCode, name: text(col('parent_name')?.get(i)) }
          : null,
    });
  }
  return out;
}
