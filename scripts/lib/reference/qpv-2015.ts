/**
 * The 2015 QPV list, INFERRED: no file of the 2015 list is in GEODATA_DIR, but the 2024
 * correspondence names each 2024 QPV's predecessors. The 2015 QPV known here are those distinct
 * predecessors, with their 2015 names; their successors are the 2024 QPV naming them; their
 * communes are the union of their successors' communes (an inference: a 2015 perimeter may have
 * reached a commune its successors left). The 2015 QPV that left the list in 2024 (no successor)
 * are in no available file and are missing.
 */
import type { Qpv2024Row } from './qpv-list-2024';
import { frCount } from './sources';

/** The published size of the 2015 list (calibration.md §7a: décrets 2014-1750 and 2014-1751). */
export const QPV_2015_LIST = {
  total: 1_514,
  metropole: 1_296,
  /** Overseas outside the observatory's scope (Polynésie française 76, Saint-Martin 2). */
  outOfScope: 78,
} as const;

export interface Qpv2015Row {
  readonly code: string;
  /** Name in the 2015 list as the correspondence writes it (first occurrence). */
  readonly name: string;
  readonly departement: string;
  /** 2024 QPV that name it as a predecessor, sorted. */
  readonly successors: readonly string[];
  /** Union of its successors' current communes (inferred), in successor order. */
  readonly communes: readonly string[];
}

export interface Qpv2015Reference {
  readonly rows: readonly Qpv2015Row[];
  readonly notes: readonly string[];
}

const isOverseas = (dep: string): boolean => dep.length === 3 && dep.startsWith('97');

export function inferQpv2015(list2024: readonly Qpv2024Row[]): Qpv2015Reference {
  const byCode = new Map<
    string,
    { name: string; departement: string; successors: string[]; communes: string[] }
  >();
  for (const q of list2024)
    for (const p of q.predecessors) {
      const e = byCode.get(p.code) ?? {
        name: p.name,
        departement: q.departement,
        successors: [],
        communes: [],
      };
      e.successors.push(q.code);
      for (const c of q.communes) if (!e.communes.includes(c)) e.communes.push(c);
      byCode.set(p.code, e);
    }
  const rows: Qpv2015Row[] = [...byCode]
    .map(([code, e]) => ({ code, ...e, successors: [...e.successors].sort() }))
    .sort((a, b) => (a.code < b.code ? -1 : 1));
  const overseas = rows.filter((r) => isOverseas(r.departement)).length;
  const inScope = QPV_2015_LIST.total - QPV_2015_LIST.outOfScope;
  const notes = [
    `Liste QPV 2015 déduite des prédécesseurs nommés dans la correspondance 2024–2015 de l’ANCT : ${frCount(rows.length)} quartiers connus (${frCount(rows.length - overseas)} en métropole sur ${frCount(QPV_2015_LIST.metropole)}, ${overseas} outre-mer) sur les ${frCount(inScope)} du champ (${frCount(QPV_2015_LIST.total)} en tout, dont ${QPV_2015_LIST.outOfScope} en Polynésie française et à Saint-Martin). Les ${frCount(inScope - rows.length)} autres, sortis de la géographie prioritaire en 2024, ne figurent dans aucun fichier disponible ; les communes d’un QPV 2015 sont celles de ses successeurs (déduction).`,
  ];
  if (!list2024.some((q) => q.departement === '976' && q.predecessors.length))
    notes.push(
      'Mayotte : la liste 2024 compte des communes entières sans prédécesseur ; aucun des QPV de la liste 2015 (en vigueur à Mayotte jusqu’en 2024) n’est connu, Mayotte n’a donc aucun QPV en vigueur sur 2015–2024.',
    );
  return { rows, notes };
}
