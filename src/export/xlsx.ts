/**
 * The spreadsheet export (.xlsx): a « Données » sheet with typed cells (numbers as numbers,
 * booleans as booleans, dates as dates; a suppressed cell empty, with the row's `suppressed` or
 * `secret_statistique` column true) and a « Métadonnées » sheet (source, vintage, definition,
 * statistical secrecy, synthetic-data mark, SQL). Pure: the rows of both sheets from an Arrow
 * table; xlsx-writer.ts (loaded only when asked for) turns them into a file.
 *
 * Text cells are written as strings, never formulas, and neutralised like the CSV's
 * (`neutraliseFormula`): a name `=HYPERLINK(…)` stays text even once edited and saved as CSV.
 */
import { Type, type Table } from 'apache-arrow';
import { SYNTHETIC_NOTE } from '../catalogue';
import { neutraliseFormula } from './csv';
import { citation, frenchDate, sourceLine, type ExportMeta } from './meta';

/** A cell: a value (null = empty) with a type, or bold text. */
export type XlsxCell =
  | null
  | { readonly type: 'number'; readonly value: number }
  | { readonly type: 'boolean'; readonly value: boolean }
  | { readonly type: 'date'; readonly value: Date; readonly time: boolean }
  | { readonly type: 'text'; readonly value: string; readonly bold?: boolean };

export interface XlsxSheets {
  readonly data: readonly (readonly XlsxCell[])[];
  readonly metadata: readonly (readonly XlsxCell[])[];
}

export const XLSX_SHEET_NAMES = { data: 'Données', metadata: 'Métadonnées' } as const;

const text = (value: string, bold = false): XlsxCell => ({
  type: 'text',
  value: neutraliseFormula(value),
  bold,
});

function numberCell(value: number): XlsxCell {
  return Number.isFinite(value) ? { type: 'number', value } : null;
}

type CellReader = (value: unknown) => XlsxCell;

function cellReader(typeId: Type): CellReader {
  switch (typeId) {
    case Type.Int:
    case Type.Float:
      return (v) => numberCell(Number(v as number | bigint));
    case Type.Decimal:
      return (v) => numberCell(Number(String(v)));
    case Type.Bool:
      return (v) => ({ type: 'boolean', value: Boolean(v) });
    case Type.Date:
    case Type.Timestamp:
      return (v) => {
        const ms = v instanceof Date ? v.getTime() : Number(v);
        return Number.isFinite(ms)
          ? { type: 'date', value: new Date(ms), time: typeId === Type.Timestamp }
          : null;
      };
    default:
      return (v) => text(String(v));
  }
}

/** The data sheet: a bold header row, then one row per result row. */
export function dataRows(table: Table): XlsxCell[][] {
  const fields = table.schema.fields;
  const readers = fields.map((f) => cellReader(f.type.typeId as Type));
  const columns = fields.map((_, i) => table.getChildAt(i));
  const rows: XlsxCell[][] = [fields.map((f) => text(f.name, true))];
  for (let r = 0; r < table.numRows; r++) {
    rows.push(
      fields.map((_, c) => {
        const value: unknown = columns[c]?.get(r);
        return value === null || value === undefined ? null : (readers[c] as CellReader)(value);
      }),
    );
  }
  return rows;
}

/** The metadata sheet: one « rubrique | valeur » row per item. */
export function metadataRows(
  meta: ExportMeta,
  sql: string | null,
  columns: readonly string[],
): XlsxCell[][] {
  const pairs: [string, string][] = [
    ['Titre', meta.title],
    ['Filtres', meta.subtitle],
    ['Source', sourceLine(meta).replace(/^Source : /, '')],
    ['Millésime', meta.dataset !== false ? (meta.vintage ?? '') : ''],
    ['Définition', meta.definition ?? ''],
    ['Données synthétiques', meta.synthetic ? `oui — ${SYNTHETIC_NOTE}` : 'non'],
    [
      'Secret statistique',
      'Tout effectif compris entre 1 et 4 est masqué, ainsi qu’une cellule supplémentaire par groupe dont le total est affiché. Une cellule masquée est laissée vide dans la feuille « Données » et la colonne « suppressed » (ou « secret_statistique ») de sa ligne vaut VRAI.',
    ],
    ['Colonnes', columns.join(', ')],
    ['Exporté le', frenchDate(meta.date)],
    ['Permalien', meta.url],
    ['Citation', citation(meta)],
  ];
  if (sql) pairs.push(['Requête SQL (DuckDB)', sql.trim()]);
  return [
    [text('Rubrique', true), text('Valeur', true)],
    ...pairs.filter(([, v]) => v !== '').map(([k, v]) => [text(k, true), text(v)]),
  ];
}

/** Both sheets of the export of `table`, whose query was `sql`. */
export function xlsxSheets(table: Table, meta: ExportMeta, sql: string | null): XlsxSheets {
  return {
    data: dataRows(table),
    metadata: metadataRows(
      meta,
      sql,
      table.schema.fields.map((f) => f.name),
    ),
  };
}
