/**
 * A small RFC 4180 CSV parser: quoted fields with doubled quotes and embedded line breaks, CRLF or
 * LF line ends, a final line with or without its break. It keeps the file line where each record
 * starts, so validation messages can point at the line a user sees in a text editor.
 */

export interface ParsedCsv {
  readonly header: readonly string[];
  readonly rows: readonly (readonly string[])[];
  /** 1-based file line where each row starts (the header is line 1). */
  readonly lines: readonly number[];
}

export class CsvSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
    this.name = 'CsvSyntaxError';
  }
}

/** Splits `text` into records of fields. Throws CsvSyntaxError on an unclosed quote. */
export function parseRecords(
  text: string,
  delimiter: string,
): { records: string[][]; lines: number[] } {
  const records: string[][] = [];
  const lines: number[] = [];
  let record: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let i = 0;
  let quoted = false;
  let fieldStarted = false;
  const endField = () => {
    record.push(field);
    field = '';
    fieldStarted = false;
  };
  const endRecord = () => {
    endField();
    // A blank line is not a record.
    if (!(record.length === 1 && record[0] === '')) {
      records.push(record);
      lines.push(recordLine);
    }
    record = [];
  };
  while (i < text.length) {
    const c = text[i] as string;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      if (c === '\n') line++;
      field += c;
      i++;
      continue;
    }
    if (c === '"' && !fieldStarted) {
      quoted = true;
      fieldStarted = true;
      i++;
    } else if (c === delimiter) {
      endField();
      i++;
    } else if (c === '\r' || c === '\n') {
      endRecord();
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
      line++;
      recordLine = line;
    } else {
      field += c;
      fieldStarted = true;
      i++;
    }
  }
  if (quoted) {
    throw new CsvSyntaxError(
      `Guillemet ouvrant sans guillemet fermant (enregistrement commençant ligne ${recordLine}).`,
      recordLine,
    );
  }
  if (field !== '' || record.length > 0) endRecord();
  return { records, lines };
}

/** Parses a CSV with a header line; checks every row has the header's number of fields. */
export function parseCsv(text: string, delimiter: string): ParsedCsv {
  const { records, lines } = parseRecords(text, delimiter);
  const [header, ...rows] = records;
  if (!header) throw new CsvSyntaxError('Le fichier est vide.', 1);
  const bad: number[] = [];
  rows.forEach((r, i) => {
    if (r.length !== header.length) bad.push(lines[i + 1] ?? 0);
  });
  if (bad.length > 0) {
    throw new CsvSyntaxError(
      `${bad.length} ligne${bad.length > 1 ? 's n’ont' : ' n’a'} pas ${header.length} champs comme l’en-tête (ligne${bad.length > 1 ? 's' : ''} ${bad.slice(0, 5).join(', ')}${bad.length > 5 ? '…' : ''}). Vérifiez le séparateur et les guillemets.`,
      bad[0] ?? 0,
    );
  }
  return { header: header.map((h) => h.trim()), rows, lines: lines.slice(1) };
}
