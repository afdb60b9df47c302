/**
 * The data exports, run through the connector with the SQL the screen runs: one code path, so the
 * file holds exactly what the screen shows, suppression included. No DOM here (Blob only), so the
 * same functions run in vitest against DuckDB-WASM's Node build.
 */
import type { Connector } from '../db/connector';
import { describeSql } from '../query/sql';
import { tableToCsv, type CsvDialect } from './csv';
import { metadataSheet, sourceParts, sqlWithHeader, type ExportMeta } from './meta';
import { xlsxSheets, type XlsxSheets } from './xlsx';

export type ParquetWriter = (
  ipc: Uint8Array,
  metadata: ReadonlyMap<string, string>,
) => Promise<Uint8Array>;

export async function exportCsvText(
  connector: Connector,
  sql: string,
  dialect: CsvDialect,
): Promise<string> {
  return tableToCsv(await connector.query(sql), { dialect });
}

/** Parquet key-value metadata: provenance that travels inside the file. */
export function parquetMetadata(meta: ExportMeta, sql: string): Map<string, string> {
  const entries: [string, string][] = [
    ['observatoire.title', meta.title],
    ['observatoire.filters', meta.subtitle],
    ['observatoire.source', sourceParts(meta).join(' ; ')],
    ['observatoire.synthetic', String(meta.synthetic)],
    ['observatoire.exported', meta.date.toISOString()],
    ['observatoire.permalink', meta.url],
    ['observatoire.sql', sql],
  ];
  if (meta.vintage && meta.dataset !== false) entries.push(['observatoire.vintage', meta.vintage]);
  return new Map(entries);
}

export async function exportParquetBytes(
  connector: Connector,
  sql: string,
  meta: ExportMeta,
  write: ParquetWriter,
): Promise<Uint8Array> {
  const ipc = await connector.queryIPC(sql);
  return write(ipc, parquetMetadata(meta, sql));
}

/** The SQL file: a comment header, then the query exactly as it ran. */
export function exportSqlText(sql: string, meta: ExportMeta): string {
  return sqlWithHeader(sql, meta);
}

/** The metadata sheet, with the result's column names read from the engine. */
export async function exportMetadataText(
  connector: Connector,
  sql: string,
  meta: ExportMeta,
): Promise<string> {
  const described = await connector.query(describeSql(sql));
  const names: string[] = [];
  const col = described.getChild('column_name');
  for (let i = 0; i < described.numRows; i++) names.push(String(col?.get(i)));
  return metadataSheet(meta, sql, names);
}

/** The spreadsheet export: the result's sheets, written by `write` (xlsx-writer.ts, loaded lazily). */
export async function exportXlsxBlob(
  connector: Connector,
  sql: string,
  meta: ExportMeta,
  write: (sheets: XlsxSheets) => Promise<Blob>,
): Promise<Blob> {
  return write(xlsxSheets(await connector.query(sql), meta, sql));
}
