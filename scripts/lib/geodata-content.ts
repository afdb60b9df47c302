/**
 * What data:fetch does to a downloaded file before saving it (drop CSV columns, unzip) and the
 * content rules of the official QPV contours, whose checksum cannot be known in advance.
 */
import { unzipSync } from 'fflate';
import type { Transform } from './geodata-sources';

/** RFC 4180 rows (fields may hold quotes, commas and line breaks). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c !== '"') field += c;
      else if (text[i + 1] === '"') field += text[++i];
      else quoted = false;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || (c === '\r' && text[i + 1] === '\n')) {
      if (c === '\r') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length) rows.push([...row, field]);
  return rows;
}

/**
 * Removes columns from a CSV and writes it back as the team's copy of the France services file
 * was written: comma-separated, LF line ends, a field quoted only when it holds a comma, a quote
 * or a line break (the upstream file quotes every text field).
 */
export function dropCsvColumns(text: string, columns: readonly string[]): string {
  const rows = parseCsv(text);
  const header = rows[0] ?? [];
  const missing = columns.filter((c) => !header.includes(c));
  if (missing.length) throw new Error(`colonne(s) ${missing.join(', ')} absente(s) de l’en-tête`);
  const drop = new Set(columns.map((c) => header.indexOf(c)));
  const quote = (v: string): string => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return (
    rows
      .map((r) =>
        r
          .filter((_, i) => !drop.has(i))
          .map(quote)
          .join(','),
      )
      .join('\n') + '\n'
  );
}

/** One entry of a zip: the exact path, else the only entry with the same file name. */
export function extractZipEntry(zip: Uint8Array, entry: string): Uint8Array {
  const base = entry.split('/').pop() ?? entry;
  const names: string[] = [];
  let files;
  try {
    files = unzipSync(zip, {
      filter: (f) => {
        names.push(f.name);
        if (f.originalSize > 2e9) return false;
        return f.name === entry || f.name.split('/').pop() === base;
      },
    });
  } catch (err) {
    throw new Error(`archive zip illisible (${err instanceof Error ? err.message : String(err)})`);
  }
  const found = files[entry] ?? (Object.keys(files).length === 1 ? Object.values(files)[0] : null);
  if (!found)
    throw new Error(
      `l’archive ne contient pas ${entry} (entrées : ${names.slice(0, 8).join(', ') || 'aucune'})`,
    );
  return found;
}

const QPV_CODE = /^Q[NP][0-9A-Z]{6}$/i;

/** Content rules of the official QPV contours: a FeatureCollection of QPV with their codes. */
export function checkQpvGeojson(data: Uint8Array, minFeatures: number): number {
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(data).toString('utf8'));
  } catch {
    throw new Error('le fichier n’est pas du JSON');
  }
  const fc = json as { type?: unknown; features?: unknown };
  if (fc.type !== 'FeatureCollection' || !Array.isArray(fc.features))
    throw new Error('le fichier n’est pas une FeatureCollection GeoJSON');
  const features = fc.features as { properties?: Record<string, unknown> | null }[];
  const withCode = features.filter((f) =>
    ['code_qp', 'code_quartier', 'CODE_QP'].some((k) => QPV_CODE.test(String(f.properties?.[k]))),
  ).length;
  if (features.length < minFeatures)
    throw new Error(`${features.length} entité(s) seulement, ${minFeatures} au moins attendues`);
  if (withCode < 0.95 * features.length)
    throw new Error(`${features.length - withCode} entité(s) sans code QPV (code_qp) valide`);
  return features.length;
}

/** The file to save, from the bytes downloaded. */
export function applyTransform(data: Buffer, transform: Transform | undefined): Uint8Array {
  if (!transform) return data;
  if (transform.kind === 'unzip') return extractZipEntry(data, transform.entry);
  return Buffer.from(dropCsvColumns(data.toString('utf8'), transform.columns), 'utf8');
}
