/**
 * A small RFC 4180 CSV parser for the first bytes of a file only (src/ingest/sniff.ts: header,
 * delimiter, decimal separator): quoted fields with doubled quotes and embedded line breaks, CRLF
 * or LF line ends. The file itself is read by DuckDB's `read_csv` (src/ingest/load-own.ts).
 */

export class CsvSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
    this.name = 'CsvSyntaxError';
  }
}

/**
 * Splits `text` into records of fields. Throws CsvSyntaxError on an unclosed quote, unless
 * `sample` (the text is a file's first bytes, which may cut a quoted field, or the file has an
 * unclosed quote that DuckDB will report with its line): then the records before it are returned.
 */
export function parseRecords(
  text: string,
  delimiter: string,
  sample = false,
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
  if (quoted && sample) return { records, lines };
  if (quoted) {
    throw new CsvSyntaxError(
      `Guillemet ouvrant sans guillemet fermant (enregistrement commençant ligne ${recordLine}).`,
      recordLine,
    );
  }
  if (field !== '' || record.length > 0) endRecord();
  return { records, lines };
}
