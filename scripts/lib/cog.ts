/**
 * The 2026 COG from @etalab/decoupage-administratif: régions, départements, current communes
 * (metropolitan France and DROM; overseas collectivities are outside the observatory), EPCI and
 * EPT membership, and the map from former commune codes to current ones.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

interface RawCommune {
  code: string;
  nom: string;
  type: string;
  zone: string;
  departement?: string;
  region?: string;
  population?: number;
  anciensCodes?: string[];
  codesPostaux?: string[];
}
interface RawArea {
  code: string;
  nom: string;
  zone: string;
  region?: string;
}
interface RawGroup {
  code: string;
  nom: string;
  membres: { code: string }[];
}

export interface CogCommune {
  readonly code: string;
  readonly name: string;
  readonly departement: string;
  readonly region: string;
  readonly population: number;
  readonly formerCodes: readonly string[];
  /** Its postcodes (La Poste, as the package carries them), sorted; never made up. */
  readonly postcodes: readonly string[];
}
export interface CogArea {
  readonly code: string;
  readonly name: string;
  readonly region: string | null;
}
export interface CogGroup {
  readonly code: string;
  readonly name: string;
  readonly members: readonly string[];
}

export interface Cog {
  readonly regions: readonly CogArea[];
  readonly departements: readonly CogArea[];
  readonly communes: readonly CogCommune[];
  readonly epci: readonly CogGroup[];
  readonly ept: readonly CogGroup[];
  /** Commune code → SIREN of its EPCI (absent for the four single-commune islands). */
  readonly epciOf: ReadonlyMap<string, string>;
  /** 2018 (or any former) commune code → current commune code. */
  readonly currentCode: ReadonlyMap<string, string>;
}

export const COG_VINTAGE = 'COG 2026';

function load<T>(name: string): T {
  return require(`@etalab/decoupage-administratif/data/${name}.json`) as T;
}

const inScope = (zone: string): boolean => zone === 'metro' || zone === 'drom';

/** Loads the COG, optionally restricted to some départements. */
export function loadCog(departements: readonly string[] | null): Cog {
  const keepDep = (d: string | undefined): boolean =>
    !!d && (departements === null || departements.includes(d));
  const communes: CogCommune[] = load<RawCommune[]>('communes')
    .filter((c) => c.type === 'commune-actuelle' && inScope(c.zone) && keepDep(c.departement))
    .map((c) => ({
      code: c.code,
      name: c.nom,
      departement: c.departement ?? '',
      region: c.region ?? '',
      population: c.population ?? 0,
      formerCodes: c.anciensCodes ?? [],
      postcodes: [...new Set(c.codesPostaux ?? [])].sort(),
    }))
    .sort((a, b) => (a.code < b.code ? -1 : 1));
  const communeSet = new Set(communes.map((c) => c.code));
  const departementsList = load<RawArea[]>('departements')
    .filter((d) => inScope(d.zone) && keepDep(d.code))
    .map((d) => ({ code: d.code, name: d.nom, region: d.region ?? null }));
  const regionCodes = new Set(departementsList.map((d) => d.region));
  const regions = load<RawArea[]>('regions')
    .filter((r) => inScope(r.zone) && regionCodes.has(r.code))
    .map((r) => ({ code: r.code, name: r.nom, region: null }));
  const groups = (name: string): CogGroup[] =>
    load<RawGroup[]>(name)
      .map((g) => ({
        code: g.code,
        name: g.nom,
        members: g.membres.map((m) => m.code).filter((m) => communeSet.has(m)),
      }))
      .filter((g) => g.members.length > 0);
  const epci = groups('epci');
  const epciOf = new Map<string, string>();
  for (const g of epci) for (const m of g.members) epciOf.set(m, g.code);
  const currentCode = new Map<string, string>();
  for (const c of communes) {
    currentCode.set(c.code, c.code);
  }
  for (const c of communes)
    for (const old of c.formerCodes) if (!currentCode.has(old)) currentCode.set(old, c.code);
  return {
    regions,
    departements: departementsList,
    communes,
    epci,
    ept: groups('ept'),
    epciOf,
    currentCode,
  };
}
