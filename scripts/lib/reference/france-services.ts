/**
 * France services structures open on 1 August 2024 (ANCT list). Columns are read by name (the
 * upstream file also has `mail` and `telephone`). Commune codes of municipal arrondissements and
 * former communes are mapped to current communes; structures outside the observatory's scope
 * (Saint-Martin) or with a position outside France and the DROM are dropped, with a note.
 */
import type { ServiceFormat, ServiceRole } from '../../../src/catalogue';
import { communeResolver, type CommuneResolver } from './communes';
import { csvRows, parseCsv, readReferenceText } from './csv';
import { frCount, referencePath } from './sources';

export interface FranceServiceRow {
  /** Stable id: `fs-` + the ANCT `id_fs`. */
  readonly id: string;
  readonly name: string;
  /** Current commune code. */
  readonly commune: string;
  readonly departement: string;
  readonly lon: number;
  readonly lat: number;
  readonly role: ServiceRole;
  readonly format: ServiceFormat;
  /** Labellisation date, ISO (YYYY-MM-DD). */
  readonly opened: string;
}

export interface FranceServicesReference {
  /** Structures in scope, sorted by id. */
  readonly rows: readonly FranceServiceRow[];
  /** Rows in the file. */
  readonly read: number;
  readonly notes: readonly string[];
}

const ROLES: Readonly<Record<string, ServiceRole>> = { Principal: 'principal', Antenne: 'antenne' };
const FORMATS: Readonly<Record<string, ServiceFormat>> = {
  Fixe: 'fixe',
  'Fixe_antenne(s)': 'fixe_antennes',
  Multisites: 'multisites',
  Bus_équivalent: 'bus',
  Itinérante: 'itinerante',
};

/** [west, south, east, north] of metropolitan France (with Corsica) and of each DROM. */
export const FRANCE_BOXES: Readonly<Record<string, readonly [number, number, number, number]>> = {
  metropole: [-5.3, 41.3, 9.6, 51.2],
  '971': [-61.9, 15.8, -60.9, 16.6],
  '972': [-61.3, 14.35, -60.75, 14.9],
  '973': [-54.65, 2.1, -51.6, 5.8],
  '974': [55.2, -21.4, 55.85, -20.85],
  '976': [44.95, -13.05, 45.35, -12.6],
};

/** Whether a point lies in the box of its département (metropolitan France or its DROM). */
export function insideFrance(departement: string, lon: number, lat: number): boolean {
  const box =
    FRANCE_BOXES[departement] ?? (departement.startsWith('97') ? null : FRANCE_BOXES.metropole);
  if (!box || !Number.isFinite(lon) || !Number.isFinite(lat)) return false;
  return lon >= box[0] && lon <= box[2] && lat >= box[1] && lat <= box[3];
}

const LABELLED = /(\d{2})\/(\d{2})\/(\d{4})/;

export function readFranceServices(
  geodata: string,
  resolver: CommuneResolver = communeResolver(),
): FranceServicesReference {
  const file = referencePath(geodata, 'franceServices');
  const { rows: records } = csvRows(parseCsv(readReferenceText(file)), file);
  const rows: FranceServiceRow[] = [];
  const outOfScope: string[] = [];
  const misplaced: string[] = [];
  let remapped = 0;
  for (const r of records) {
    const id = `fs-${r('id_fs')}`;
    const role = ROLES[r('type_fs')];
    const format = FORMATS[r('format_fs')];
    const date = LABELLED.exec(r('labellisation_fs'));
    if (!role || !format || !date)
      throw new Error(
        `${file} : ligne ${id} inattendue (${r('type_fs')}, ${r('format_fs')}, ${r('labellisation_fs')}).`,
      );
    const written = r('insee_com');
    const commune = resolver.current(written);
    const c = commune ? resolver.commune(commune) : undefined;
    if (!c) {
      outOfScope.push(`${id} (${written})`);
      continue;
    }
    if (commune !== written) remapped++;
    const lon = Number(r('longitude'));
    const lat = Number(r('latitude'));
    if (!insideFrance(c.departement, lon, lat)) {
      misplaced.push(id);
      continue;
    }
    rows.push({
      id,
      name: r('lib_fs'),
      commune: c.code,
      departement: c.departement,
      lon,
      lat,
      role,
      format,
      opened: `${date[3]}-${date[2]}-${date[1]}`,
    });
  }
  const notes: string[] = [
    `France services : ${frCount(rows.length)} structures sur les ${frCount(records.length)} de la liste de l’ANCT au 1er août 2024${remapped ? ` (${remapped} codes d’arrondissement ou d’ancienne commune ramenés à la commune actuelle)` : ''}.`,
  ];
  if (outOfScope.length)
    notes.push(`France services hors du champ (commune hors COG) : ${outOfScope.join(', ')}.`);
  if (misplaced.length)
    notes.push(`France services à la position hors de France, écartées : ${misplaced.join(', ')}.`);
  const ids = new Set(rows.map((s) => s.id));
  if (ids.size !== rows.length) throw new Error(`${file} : identifiants id_fs en double.`);
  return { rows: rows.sort((a, b) => (a.id < b.id ? -1 : 1)), read: records.length, notes };
}
