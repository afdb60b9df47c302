/**
 * France Ruralités Revitalisation, classification of 10 July 2025 (DGCL/ANCT list, `;`-separated,
 * COG 2025 codes mapped to current communes).
 */
import { FRR_CLASSES, type FrrClass } from '../../../src/catalogue';
import { communeResolver, type CommuneResolver } from './communes';
import { csvRows, parseCsv, readReferenceText } from './csv';
import { referencePath } from './sources';

export const FRR_LABELS: Readonly<Record<string, FrrClass>> = {
  'FRR+': 'frr_plus',
  'FRR socle': 'frr_socle',
  'Classée FRR partiellement': 'frr_partiel',
  'FRR bénéficiaire': 'beneficiaire',
  'FRR bénéficiaire partiellement': 'beneficiaire_partiel',
  'Non classée': 'non_classee',
};

export const FRR_COLUMN = 'Classement FRR et FRR+ au 10 juillet 2025';

export interface FrrReference {
  readonly classes: ReadonlyMap<string, FrrClass>;
  readonly notes: readonly string[];
}

export function readFrr(
  geodata: string,
  resolver: CommuneResolver = communeResolver(),
): FrrReference {
  const file = referencePath(geodata, 'frr');
  const { rows } = csvRows(parseCsv(readReferenceText(file), ';'), file);
  const classes = new Map<string, FrrClass>();
  const unresolved: string[] = [];
  for (const r of rows) {
    const cls = FRR_LABELS[r(FRR_COLUMN)];
    if (!cls) throw new Error(`${file} : classement « ${r(FRR_COLUMN)} » inconnu.`);
    const code = resolver.current(r('Code_insee'));
    if (!code) {
      unresolved.push(r('Code_insee'));
      continue;
    }
    const before = classes.get(code);
    // Merged since July 2025: the most favourable class (order of FRR_CLASSES) wins.
    if (!before || FRR_CLASSES.indexOf(cls) < FRR_CLASSES.indexOf(before)) classes.set(code, cls);
  }
  const notes = unresolved.length
    ? [`FRR : codes absents du COG, ignorés : ${unresolved.join(', ')}.`]
    : [];
  return { classes, notes };
}
