/**
 * Insee's communal density grid, 7 levels (ANCT export, COG 2025 codes mapped to current
 * communes). Rurality (4 levels) follows Insee's grouping `RURALITY_OF_DENSITY`.
 */
import { DENSITY_LEVELS, type DensityLevel } from '../../../src/catalogue';
import { communeResolver, type CommuneResolver } from './communes';
import { csvRows, parseCsv, readReferenceText } from './csv';
import { referencePath } from './sources';

/** Labels of `niveau_densite`, in the grid's order (= `DENSITY_LEVELS`). */
export const DENSITY_LABELS: Readonly<Record<string, DensityLevel>> = {
  'Grands centres urbains': 'grands_centres_urbains',
  'Centres urbains intermédiaires': 'centres_urbains_intermediaires',
  'Ceintures urbaines': 'ceintures_urbaines',
  'Petites villes': 'petites_villes',
  'Bourgs ruraux': 'bourgs_ruraux',
  'Rural à habitat dispersé': 'rural_disperse',
  'Rural à habitat très dispersé': 'rural_tres_disperse',
};

export interface DensityReference {
  /** Current commune → its level. */
  readonly levels: ReadonlyMap<string, DensityLevel>;
  readonly notes: readonly string[];
}

export function readDensity(
  geodata: string,
  resolver: CommuneResolver = communeResolver(),
): DensityReference {
  const file = referencePath(geodata, 'density');
  const { rows } = csvRows(parseCsv(readReferenceText(file)), file);
  const levels = new Map<string, DensityLevel>();
  const unresolved: string[] = [];
  let merged = 0;
  for (const r of rows) {
    const level = DENSITY_LABELS[r('niveau_densite')];
    if (!level) throw new Error(`${file} : niveau « ${r('niveau_densite')} » inconnu.`);
    const code = resolver.current(r('insee_com'));
    if (!code) {
      unresolved.push(r('insee_com'));
      continue;
    }
    const before = levels.get(code);
    // Communes merged since the grid: keep the densest level of the former communes.
    if (before) merged++;
    if (!before || DENSITY_LEVELS.indexOf(level) < DENSITY_LEVELS.indexOf(before))
      levels.set(code, level);
  }
  const notes: string[] = [];
  if (unresolved.length)
    notes.push(`Grille de densité : codes absents du COG, ignorés : ${unresolved.join(', ')}.`);
  if (merged)
    notes.push(
      `Grille de densité : ${merged} communes fusionnées depuis la grille prennent le niveau le plus dense de leurs anciennes communes.`,
    );
  return { levels, notes };
}
