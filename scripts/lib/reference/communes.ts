/**
 * Commune codes of any vintage → current communes (the COG of scripts/lib/cog.ts). The references
 * use COG 2021 (ZRR) or 2025 (density grid, FRR, QPV communes) codes, and the France services list
 * uses municipal arrondissements (Paris 751xx, Lyon 6938x, Marseille 132xx) and a few pre-merger
 * codes: all are resolved here, always against the whole country so that a restricted run
 * (`--departements`) reads the references exactly as a national one.
 */
import { createRequire } from 'node:module';
import { loadCog, type Cog, type CogCommune } from '../cog';

const require = createRequire(import.meta.url);

interface RawArrondissement {
  code: string;
  type: string;
  commune?: string;
}

export interface CommuneResolver {
  /** The national COG the codes are resolved against. */
  readonly cog: Cog;
  /** Current commune of a code (current, former, or municipal arrondissement); null if unknown. */
  current(code: string): string | null;
  /** The current commune itself, for its département and population. */
  commune(code: string): CogCommune | undefined;
}

let national: CommuneResolver | null = null;

/** The resolver over the national COG (built once per process: the COG does not change). */
export function communeResolver(): CommuneResolver {
  if (national) return national;
  const cog = loadCog(null);
  const byCode = new Map(cog.communes.map((c) => [c.code, c]));
  const arrondissements = new Map<string, string>();
  for (const c of require('@etalab/decoupage-administratif/data/communes.json') as RawArrondissement[])
    if (c.type === 'arrondissement-municipal' && c.commune) arrondissements.set(c.code, c.commune);
  const current = (code: string): string | null => {
    const direct = cog.currentCode.get(code);
    if (direct) return direct;
    const parent = arrondissements.get(code);
    return parent ? (cog.currentCode.get(parent) ?? null) : null;
  };
  national = { cog, current, commune: (code) => byCode.get(code) };
  return national;
}
