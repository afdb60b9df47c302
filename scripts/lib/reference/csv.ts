/**
 * A small RFC 4180 reader for the reference files: quoted fields may hold the separator, doubled
 * quotes and line breaks (the France services list has addresses over several lines); CRLF or LF
 * line ends; a UTF-8 byte-order mark is dropped. Enough for files of a few megabytes.
 */
import fs from 'node:fs';

/** Every record of `text` as an array of raw fields (empty lines give `['']`). */
export function parseCsv(text: string, separator = ','): string[][] {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  while (i < src.length) {
    const ch = src[i] as string;
    if (quoted) {
      if (ch === '"') {
        if (src[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else field += ch;
      i++;
      continue;
    }
    if (ch === '"' && field === '') quoted = true;
    else if (ch === separator) {
      record.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      if (ch === '\r' && src[i + 1] === '\n') i++;
    } else field += ch;
    i++;
  }
  if (field !== '' || record.length) {
    record.push(field);
    records.push(record);
  }
  return records;
}

/** A record read by column name; a missing column is an error, so a renamed column fails loudly. */
export type CsvRow = (column: string) => string;

/**
 * The records after the header line `headerIndex` (0 = first line) as accessors by column name.
 * Lines whose fields are all empty are skipped.
 */
export function csvRows(
  records: readonly string[][],
  file: string,
  headerIndex = 0,
): { header: readonly string[]; rows: CsvRow[] } {
  const header = (records[headerIndex] ?? []).map((h) => h.trim());
  const index = new Map(header.map((h, i) => [h, i]));
  const rows: CsvRow[] = [];
  for (const fields of records.slice(headerIndex + 1)) {
    if (fields.every((f) => f.trim() === '')) continue;
    rows.push((column) => {
      const i = index.get(column);
      if (i === undefined) throw new Error(`${file} : colonne « ${column} » absente.`);
      return (fields[i] ?? '').trim();
    });
  }
  return { header, rows };
}

/** Reads a UTF-8 reference file, with a clear message when it is missing. */
export function readReferenceText(file: string): string {
  if (!fs.existsSync(file))
    throw new Error(
      `Fichier de référence introuvable : ${file}. Indiquez le dossier des données de référence avec GEODATA_DIR (voir son SOURCES.md).`,
    );
  return fs.readFileSync(file, 'utf8');
}
