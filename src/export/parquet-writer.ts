/**
 * Parquet export with provenance in the file's key-value metadata (source, synthetic note, SQL,
 * permalink). src/db/parquet.ts initialises parquet-wasm once; its `writeParquetFromIPC` takes no
 * writer properties, so the export builds its own with the metadata.
 */
import {
  Compression,
  Table as ParquetTable,
  WriterPropertiesBuilder,
  writeParquet,
} from 'parquet-wasm/esm';
import { initParquet } from '../db/parquet';

/** Encodes a query result (Arrow IPC stream) as Parquet (Snappy) with `metadata`. */
export async function writeParquetWithMetadata(
  ipc: Uint8Array,
  metadata: ReadonlyMap<string, string>,
): Promise<Uint8Array> {
  await initParquet();
  const properties = new WriterPropertiesBuilder()
    .setCompression(Compression.SNAPPY)
    .setCreatedBy('Observatoire ANCT × Défenseur des droits')
    .setKeyValueMetadata(new Map(metadata))
    .build();
  return writeParquet(ParquetTable.fromIPCStream(ipc), properties);
}
