/** Who a territory is compared with in its profile: its parent and France. */
import type { Table } from 'apache-arrow';
import type { TerritoryLevel } from '../../catalogue';
import type { TerritoryRef } from '../../state/app-state';

export const FRANCE: TerritoryRef = { level: 'france', code: 'FR' };

/** The comparison parent of each level (a commune is compared with its département). */
const PARENT_LEVEL: Readonly<Record<TerritoryLevel, TerritoryLevel | null>> = {
  france: null,
  region: null,
  departement: 'region',
  epci: 'departement',
  commune: 'departement',
  qpv: 'commune',
  site: 'departement',
};

export interface ProfileRefs {
  readonly name: string | null;
  readonly parent: (TerritoryRef & { readonly name: string | null }) | null;
  /** The commune whose QPV / hors-QPV split is shown (the commune itself, or the QPV's). */
  readonly commune: TerritoryRef | null;
}

/** Reads a `territoryLookup` result (one row) into the refs the profile needs. */
export function profileRefs(ref: TerritoryRef, parents: Table | null): ProfileRefs {
  const get = (col: string): string | null => {
    const v: unknown = parents?.getChild(col)?.get(0);
    return v === null || v === undefined ? null : String(v);
  };
  const parentLevel = PARENT_LEVEL[ref.level];
  const parentCode = parentLevel ? get(`${parentLevel}_code`) : null;
  const communeCode =
    ref.level === 'commune' ? ref.code : ref.level === 'qpv' ? get('commune_code') : null;
  return {
    name: get('name'),
    parent: parentLevel && parentCode ? { level: parentLevel, code: parentCode, name: null } : null,
    commune: communeCode ? { level: 'commune', code: communeCode } : null,
  };
}
