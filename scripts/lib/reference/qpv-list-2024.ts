/**
 * The 2024 QPV list (ANCT): codes, names, status against the 2015 list and predecessors from the
 * correspondence file; communes from the ANCT superposeur's commune points (one point per commune
 * holding QPV, `code_qp` a ", "-joined list, COG 2025 codes mapped to current communes). QPV
 * without a commune in the COG (Polynésie française, Saint-Martin) are out of scope.
 */
import type { QpvStatus } from '../../../src/catalogue';
import type { Position } from '../geometry';
import { communeResolver, type CommuneResolver } from './communes';
import { csvRows, parseCsv, readReferenceText } from './csv';
import { referencePath } from './sources';

export interface QpvPredecessor {
  readonly code: string;
  /** Name in the 2015 list (`label_qp2015_n`). */
  readonly name: string;
}

export interface Qpv2024Row {
  readonly code: string;
  /** `label_qp2024` of the correspondence (the commune file's labels lose « œ »). */
  readonly name: string;
  readonly status: QpvStatus;
  /** Département of its communes (no QPV crosses a département border). */
  readonly departement: string;
  /** 2015 QPV it replaces, in the file's order (none for `nouveau` and `commune`). */
  readonly predecessors: readonly QpvPredecessor[];
  /** Current commune codes, deduplicated, in the order of the reference file. */
  readonly communes: readonly string[];
}

export interface Qpv2024Reference {
  /** QPV in scope, sorted by code. */
  readonly rows: readonly Qpv2024Row[];
  /** Current commune → its point in the ANCT file (centroid of the commune, WGS84). */
  readonly communePoints: ReadonlyMap<string, Position>;
  readonly notes: readonly string[];
}

const STATUS: Readonly<Record<string, QpvStatus>> = {
  INCHANGE: 'inchange',
  MODIFIE: 'modifie',
  NOUVEAU: 'nouveau',
  COMMUNE: 'commune',
};

/** A 2015 QPV code: `QP` + département on three characters (093, 02A, 974) + three digits. */
export const QPV_2015_CODE = /^QP\d{2}[\dAB]\d{3}$/;
/** A 2024 QPV code: `QN` + département on three characters + two digits + a letter. */
export const QPV_2024_CODE = /^QN\d{2}[\dAB]\d{2}[A-Z]$/;

interface PointFeature {
  properties: { insee_com?: string; code_qp?: string } | null;
  geometry: { type: string; coordinates: Position } | null;
}

/** Which commune of the COG 2025 each QPV lies in, and each commune's point. */
function readCommuneLinks(
  geodata: string,
  resolver: CommuneResolver,
): { communesOf: Map<string, string[]>; points: Map<string, Position>; unresolved: string[] } {
  const file = referencePath(geodata, 'qpvCommunes');
  const data = JSON.parse(readReferenceText(file)) as { features: PointFeature[] };
  const communesOf = new Map<string, string[]>();
  const points = new Map<string, Position>();
  const unresolved: string[] = [];
  for (const f of data.features) {
    const written = f.properties?.insee_com?.trim() ?? '';
    const commune = resolver.current(written);
    if (!commune) {
      unresolved.push(written);
      continue;
    }
    const p = f.geometry?.type === 'Point' ? f.geometry.coordinates : null;
    // A merged commune keeps the point written under its own code (93066, not 93059).
    if (p && (!points.has(commune) || written === commune)) points.set(commune, [p[0], p[1]]);
    for (const code of (f.properties?.code_qp ?? '').split(',')) {
      const q = code.trim();
      if (!q) continue;
      const list = communesOf.get(q) ?? [];
      if (!list.includes(commune)) list.push(commune);
      communesOf.set(q, list);
    }
  }
  return { communesOf, points, unresolved };
}

export function readQpv2024(
  geodata: string,
  resolver: CommuneResolver = communeResolver(),
): Qpv2024Reference {
  const file = referencePath(geodata, 'qpvCorrespondence');
  const { rows: records } = csvRows(parseCsv(readReferenceText(file)), file);
  const { communesOf, points, unresolved } = readCommuneLinks(geodata, resolver);
  const rows: Qpv2024Row[] = [];
  const outOfScope = new Map<string, number>();
  const notes: string[] = [];
  const seen = new Set<string>();
  for (const r of records) {
    const code = r('qp2024');
    const status = STATUS[r('statut')];
    if (!QPV_2024_CODE.test(code) || !status)
      throw new Error(`${file} : QPV « ${code} » ou statut « ${r('statut')} » inattendu.`);
    seen.add(code);
    const communes = communesOf.get(code) ?? [];
    const first = communes[0] ? resolver.commune(communes[0]) : undefined;
    if (!first) {
      const dep = code.slice(2, 5);
      outOfScope.set(dep, (outOfScope.get(dep) ?? 0) + 1);
      continue;
    }
    const predecessors: QpvPredecessor[] = [];
    for (const n of [1, 2, 3]) {
      const p = r(`qp2015_${n}`);
      if (!p) continue;
      if (!QPV_2015_CODE.test(p)) throw new Error(`${file} : prédécesseur « ${p} » de ${code}.`);
      predecessors.push({ code: p, name: r(`label_qp2015_${n}`) || p });
    }
    rows.push({
      code,
      name: r('label_qp2024') || code,
      status,
      departement: first.departement,
      predecessors,
      communes,
    });
  }
  const dropped = [...outOfScope.values()].reduce((s, n) => s + n, 0);
  if (dropped)
    notes.push(
      `Liste QPV 2024 : ${dropped} quartiers sans commune du COG, hors du champ de l’observatoire (${[
        ...outOfScope,
      ]
        .sort()
        .map(([d, n]) => `${d} : ${n}`)
        .join(', ')}).`,
    );
  const unknown = [...communesOf.keys()].filter((c) => !seen.has(c));
  if (unknown.length)
    notes.push(
      `QPV des communes ANCT absents de la correspondance, ignorés : ${unknown.join(', ')}.`,
    );
  if (unresolved.length)
    notes.push(`Communes du fichier des QPV absentes du COG, ignorées : ${unresolved.join(', ')}.`);
  rows.sort((a, b) => (a.code < b.code ? -1 : 1));
  return { rows, communePoints: points, notes };
}
