/**
 * Zones de revitalisation rurale (arrêté of 16 March 2017, in force until 30 June 2024), ANCT
 * list converted to COG 2021. Layout: three metadata lines, an empty line, a label line, then the
 * header `CODGEO,LIBGEO,ZRR_SIMP,ZONAGE_ZRR`. `ZRR_SIMP` starts with C (classée), NC (non
 * classée) or P (partiellement classée). Codes are mapped to current communes: a commune made of
 * several 2021 communes is `classee` if all were C, `non_classee` if all were NC, `partielle`
 * otherwise.
 */
import type { ZrrClass } from '../../../src/catalogue';
import { communeResolver, type CommuneResolver } from './communes';
import { csvRows, parseCsv, readReferenceText } from './csv';
import { referencePath } from './sources';

const SIMPLE: Readonly<Record<string, 'C' | 'NC' | 'P'>> = { C: 'C', NC: 'NC', P: 'P' };

export interface ZrrReference {
  readonly classes: ReadonlyMap<string, ZrrClass>;
  /** Current communes made of several 2021 communes, with their 2021 codes and classes. */
  readonly merged: ReadonlyMap<string, readonly { code: string; zrr: 'C' | 'NC' | 'P' }[]>;
  readonly notes: readonly string[];
}

/** The class of a current commune from those of its 2021 communes. */
export function zrrOfParts(parts: readonly ('C' | 'NC' | 'P')[]): ZrrClass {
  if (parts.length && parts.every((p) => p === 'C')) return 'classee';
  if (parts.length && parts.every((p) => p === 'NC')) return 'non_classee';
  return 'partielle';
}

export function readZrr(
  geodata: string,
  resolver: CommuneResolver = communeResolver(),
): ZrrReference {
  const file = referencePath(geodata, 'zrr');
  const records = parseCsv(readReferenceText(file));
  const headerIndex = records.findIndex((r) => r[0]?.trim() === 'CODGEO');
  if (headerIndex < 0) throw new Error(`${file} : en-tête CODGEO introuvable.`);
  const { rows } = csvRows(records, file, headerIndex);
  const parts = new Map<string, { code: string; zrr: 'C' | 'NC' | 'P' }[]>();
  const unresolved: string[] = [];
  for (const r of rows) {
    const zrr = SIMPLE[r('ZRR_SIMP').split(' - ')[0]?.trim() ?? ''];
    if (!zrr) throw new Error(`${file} : classement « ${r('ZRR_SIMP')} » inconnu.`);
    const code = resolver.current(r('CODGEO'));
    if (!code) {
      unresolved.push(r('CODGEO'));
      continue;
    }
    parts.set(code, [...(parts.get(code) ?? []), { code: r('CODGEO'), zrr }]);
  }
  const classes = new Map<string, ZrrClass>();
  const merged = new Map<string, { code: string; zrr: 'C' | 'NC' | 'P' }[]>();
  for (const [code, list] of parts) {
    classes.set(code, zrrOfParts(list.map((p) => p.zrr)));
    if (list.length > 1) merged.set(code, list);
  }
  const missing = resolver.cog.communes.filter((c) => !classes.has(c.code));
  const notes: string[] = [];
  if (merged.size)
    notes.push(
      `ZRR : ${merged.size} communes actuelles regroupent plusieurs communes de 2021 (classée si toutes l’étaient, non classée si aucune, partiellement classée sinon).`,
    );
  if (missing.length)
    notes.push(
      `ZRR : ${missing.length} communes actuelles absentes du classement (communes rétablies depuis 2021), comptées hors ZRR : ${missing.map((c) => `${c.code} ${c.name}`).join(', ')}.`,
    );
  if (unresolved.length)
    notes.push(`ZRR : codes absents du COG, ignorés : ${unresolved.join(', ')}.`);
  return { classes, merged, notes };
}
