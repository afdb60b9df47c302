/**
 * Recognises how a CSV was written, from its first bytes only (`SNIFF_BYTES`): its encoding
 * (UTF-8 with or without BOM, UTF-16 with a BOM as Excel's "Texte Unicode", or Windows-1252 as
 * Excel saves "CSV (séparateur: point-virgule)"), its header, its delimiter and its decimal
 * separator. When the decimal separator cannot be told from the data, it says so and the user is
 * asked. The file itself is read by DuckDB (src/ingest/load-own.ts).
 */
import { parseRecords } from './csv-parse';

export type Encoding = 'utf-8' | 'windows-1252' | 'utf-16le' | 'utf-16be';

/** How much of the file is read to recognise it. */
export const SNIFF_BYTES = 256 * 1024;
export type Delimiter = ';' | ',' | '\t';
export type DecimalSeparator = ',' | '.';

export interface CsvSniff {
  readonly encoding: Encoding;
  readonly delimiter: Delimiter;
  readonly decimal: DecimalSeparator;
  /** True when the data do not say which decimal separator is used: ask the user. */
  readonly decimalAmbiguous: boolean;
  /** The header's fields, as written (untrimmed). */
  readonly header: readonly string[];
}

/** Windows-1252 characters for bytes 0x80–0x9F (where it differs from ISO-8859-1). */
const CP1252_C1 = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

/**
 * Windows-1252 decoding done by hand: Node's TextDecoder treats "windows-1252" as ISO-8859-1
 * (nodejs/node#56542), which would turn Excel's ’ (0x92) into a control character.
 */
export function decodeWindows1252(bytes: Uint8Array): string {
  let out = '';
  const chunk = 8192;
  for (let start = 0; start < bytes.length; start += chunk) {
    const part = bytes.subarray(start, start + chunk);
    out += Array.from(part, (b) =>
      b >= 0x80 && b <= 0x9f ? (CP1252_C1[b - 0x80] as string) : String.fromCharCode(b),
    ).join('');
  }
  return out;
}

/**
 * The encoding of a file from its first bytes: a UTF-16 BOM, else UTF-8 when they are valid UTF-8
 * (a character cut at the end of the sample is allowed), else Windows-1252 (a superset of
 * Latin-1).
 */
export function detectEncoding(head: Uint8Array): Encoding {
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    return 'utf-8';
  } catch {
    return 'windows-1252';
  }
}

/**
 * UTF-16 without a BOM cannot be told from binary reliably; a text whose every other byte is 0
 * in its first line is one. The loader refuses it with a message saying how to re-save it.
 */
export function looksLikeUtf16WithoutBom(head: Uint8Array): boolean {
  const sample = head.subarray(0, 200);
  if (sample.length < 4) return false;
  let zeros = 0;
  for (const b of sample) if (b === 0) zeros++;
  return zeros >= sample.length / 3;
}

/** Decodes bytes (a whole small file or a file's first bytes), without the BOM. */
export function decodeText(bytes: Uint8Array): { text: string; encoding: Encoding } {
  const encoding = detectEncoding(bytes);
  const text =
    encoding === 'windows-1252'
      ? decodeWindows1252(bytes)
      : new TextDecoder(encoding).decode(bytes, { stream: true });
  return { text: text.replace(/^\uFEFF/, ''), encoding };
}

const CANDIDATES: readonly Delimiter[] = [';', ',', '\t'];

/**
 * The delimiter that splits the first lines into the same number (> 1) of fields, preferring the
 * one giving the most fields.
 */
export function sniffDelimiter(text: string): Delimiter {
  const sample = text.slice(0, 64 * 1024);
  let best: { d: Delimiter; fields: number; consistent: boolean } | null = null;
  for (const d of CANDIDATES) {
    let records: string[][];
    try {
      records = parseRecords(sample, d, true).records.slice(0, 50);
    } catch {
      continue;
    }
    // The sample may cut the last record short.
    if (records.length > 2) records = records.slice(0, -1);
    const fields = records[0]?.length ?? 0;
    const consistent = records.every((r) => r.length === fields);
    if (fields < 2) continue;
    const better =
      !best ||
      (consistent && !best.consistent) ||
      (consistent === best.consistent && fields > best.fields);
    if (better) best = { d, fields, consistent };
  }
  return best?.d ?? ',';
}

const COMMA_DECIMAL = /^[-+]?\d+,\d+$/;
const DOT_DECIMAL = /^[-+]?\d+\.\d+$/;

/**
 * Decimal separator seen in the cells. A `,` delimiter implies a dot (a comma decimal would have
 * to be quoted). With `;`, both appear in the wild; numbers like `1.234` could be French thousands,
 * so dot-only values with exactly three decimals are ambiguous.
 */
export function sniffDecimal(
  rows: readonly (readonly string[])[],
  delimiter: Delimiter,
): { decimal: DecimalSeparator; ambiguous: boolean } {
  let comma = 0;
  let dot = 0;
  let dotThree = 0;
  for (const row of rows.slice(0, 5000)) {
    for (const raw of row) {
      const cell = raw.trim();
      if (COMMA_DECIMAL.test(cell)) comma++;
      else if (DOT_DECIMAL.test(cell)) {
        dot++;
        if (/\.\d{3}$/.test(cell)) dotThree++;
      }
    }
  }
  if (delimiter === ',') return { decimal: '.', ambiguous: comma > 0 && dot === 0 };
  if (comma > 0 && dot === 0) return { decimal: ',', ambiguous: false };
  if (dot > 0 && comma === 0) return { decimal: '.', ambiguous: dot === dotThree };
  if (comma === 0 && dot === 0) return { decimal: delimiter === ';' ? ',' : '.', ambiguous: false };
  return { decimal: comma >= dot ? ',' : '.', ambiguous: true };
}

/** The first record of `text`, or its first line when the sample cuts a quoted field. */
function headerOf(text: string, delimiter: Delimiter): string[] {
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  try {
    return parseRecords(firstLine, delimiter).records[0] ?? [];
  } catch {
    return firstLine.split(delimiter);
  }
}

/** Everything about a CSV file's dialect, from its first bytes (`SNIFF_BYTES`). */
export function sniffCsv(head: Uint8Array): CsvSniff {
  const { text, encoding } = decodeText(head.subarray(0, SNIFF_BYTES));
  const delimiter = sniffDelimiter(text);
  let rows: string[][] = [];
  try {
    // The sample may cut the last record: drop it.
    rows = parseRecords(text.slice(0, text.lastIndexOf('\n') + 1), delimiter, true).records.slice(
      1,
    );
  } catch {
    rows = [];
  }
  const { decimal, ambiguous } = sniffDecimal(rows, delimiter);
  return {
    encoding,
    delimiter,
    decimal,
    decimalAmbiguous: ambiguous,
    header: headerOf(text, delimiter),
  };
}
