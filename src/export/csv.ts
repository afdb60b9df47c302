/**
 * CSV from an Arrow table, for spreadsheets. Two dialects: French (`;` between fields, decimal
 * comma) and international (`,` and a dot). Always UTF-8 with a byte-order mark so Excel reads the
 * accents, CRLF line ends (RFC 4180), and fields quoted only when they must be.
 *
 * The file stays plain: one header line, then the rows. A suppressed cell is written empty (NULL,
 * never 0), and the row carries the boolean column that says why (`suppressed` from the query
 * layer, `secret_statistique` from the console's masking), so a blank never reads as zero and
 * DuckDB or a spreadsheet re-reads the numbers as numbers. Provenance (source, synthetic note,
 * SQL, filters, date) lives in the metadata sheet export and the Parquet key-value metadata.
 *
 * Text cells come from files the user loaded (territory, group, service names) or from console
 * SQL: one starting with `=`, `+`, `-`, `@`, a tab or a carriage return would run as a formula
 * in a spreadsheet (OWASP « CSV Injection »), so it is written behind a single quote — see
 * `neutraliseFormula`. Numeric columns are never touched.
 */
import { Type, type Table } from 'apache-arrow';

export type CsvDialect = 'fr' | 'intl';

export interface CsvOptions {
  readonly dialect: CsvDialect;
  /** Prefix the UTF-8 byte-order mark (default true). */
  readonly bom?: boolean;
}

export const CSV_DIALECTS: Readonly<Record<CsvDialect, { delimiter: string; decimal: string }>> = {
  fr: { delimiter: ';', decimal: ',' },
  intl: { delimiter: ',', decimal: '.' },
};

const BOM = '\uFEFF';

/** First characters that make a spreadsheet read a cell as a formula (OWASP « CSV Injection »). */
const FORMULA_LEAD = /^[=+\-@\t\r]/;

/**
 * A text that is only a plain decimal number (`-1`, `+33`, `12,5`): nothing a spreadsheet can run.
 * Kept as is so that a text code like `-1` re-reads unchanged in DuckDB or R; a spreadsheet shows
 * it as the number it spells, as it would without the sign.
 */
const PLAIN_NUMBER = /^[+-]?\d+(?:[.,]\d+)?$/;

/**
 * Neutralises a text cell that a spreadsheet would run as a formula: a cell starting with `=`,
 * `+`, `-`, `@`, a tab or a carriage return gets a leading single quote (`=HYPERLINK(…)` →
 * `'=HYPERLINK(…)`, `-2+3` → `'-2+3`), as OWASP recommends. Plain numbers written as text
 * (`-1`) are left as they are (see PLAIN_NUMBER). For text cells only: numeric columns are
 * written as numbers and never pass here. Used by every CSV and spreadsheet export.
 */
export function neutraliseFormula(text: string): string {
  return FORMULA_LEAD.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text;
}

/** Quotes a text field when it holds the delimiter, a quote, a line break or edge spaces. */
export function quoteField(text: string, delimiter: string): string {
  const needs =
    text.includes(delimiter) ||
    text.includes('"') ||
    text.includes('\n') ||
    text.includes('\r') ||
    text !== text.trim();
  return needs ? `"${text.replaceAll('"', '""')}"` : text;
}

/** `1.5e-7` → `0.00000015`, `2e+21` → `2000000000000000000000`: digits kept exactly. */
function expandExponent(text: string): string {
  const match = /^(-?)(\d+)(?:\.(\d+))?e([+-]\d+)$/i.exec(text);
  if (!match) return text;
  const [, sign = '', int = '', frac = '', exp = '0'] = match;
  const digits = int + frac;
  const point = int.length + Number(exp);
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`.replace(/\.?0+$/, '');
  if (point >= digits.length) return sign + digits + '0'.repeat(point - digits.length);
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

/** A number in plain decimal notation with the dialect's separator (no grouping, no exponent). */
export function formatNumber(value: number | bigint, decimal: string): string {
  if (typeof value === 'bigint') return value.toString();
  if (!Number.isFinite(value)) return '';
  const text = expandExponent(String(value));
  return decimal === '.' ? text : text.replace('.', decimal);
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

function formatDate(ms: number, withTime: boolean): string {
  const d = new Date(ms);
  const day = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  if (!withTime) return day;
  return `${day} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

type CellWriter = (value: unknown) => string;

function cellWriter(typeId: Type, delimiter: string, decimal: string): CellWriter {
  switch (typeId) {
    case Type.Int:
    case Type.Float:
      return (v) => formatNumber(v as number | bigint, decimal);
    case Type.Decimal:
      return (v) => quoteField(String(v), delimiter);
    case Type.Bool:
      return (v) => (v ? 'true' : 'false');
    case Type.Date:
      return (v) =>
        v instanceof Date ? formatDate(v.getTime(), false) : formatDate(Number(v), false);
    case Type.Timestamp:
      return (v) =>
        v instanceof Date ? formatDate(v.getTime(), true) : formatDate(Number(v), true);
    default:
      return (v) => quoteField(neutraliseFormula(String(v)), delimiter);
  }
}

/** The whole CSV text of `table` (BOM included unless `bom: false`). */
export function tableToCsv(table: Table, options: CsvOptions): string {
  const { delimiter, decimal } = CSV_DIALECTS[options.dialect];
  const fields = table.schema.fields;
  const writers = fields.map((f) => cellWriter(f.type.typeId as Type, delimiter, decimal));
  const columns = fields.map((_, i) => table.getChildAt(i));
  const header = fields.map((f) => quoteField(neutraliseFormula(f.name), delimiter));
  const lines: string[] = [header.join(delimiter)];
  for (let row = 0; row < table.numRows; row++) {
    const cells: string[] = [];
    for (let c = 0; c < fields.length; c++) {
      const value: unknown = columns[c]?.get(row);
      cells.push(value === null || value === undefined ? '' : (writers[c] as CellWriter)(value));
    }
    lines.push(cells.join(delimiter));
  }
  return (options.bom === false ? '' : BOM) + lines.join('\r\n') + '\r\n';
}
