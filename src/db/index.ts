/**
 * The engine for the app. This folder is the only importer of @duckdb/duckdb-wasm; everything
 * else uses the Connector interface and these hooks.
 */
export type { Connector, EngineStatus } from './connector';
export {
  startEngine,
  stopEngine,
  restartEngine,
  notifyDataChanged,
  dataVersion,
  runQuery,
  tablesReadBy,
} from './engine';
export { useQuery, cachedQuery, type QueryState } from './useQuery';
export { preloadPrebaked } from './prebaked';
export {
  useEngineStatus,
  useEngineBusy,
  useEngineComplete,
  useManifest,
  useDataSource,
  useTableProvenance,
  useProvenance,
  useSyntheticShown,
} from './useEngine';
export {
  provenanceOf,
  ownFilesInUse,
  type Provenance,
  type ProvenanceMap,
  type TableProvenance,
} from './provenance';
export { readParquetToIPC, writeParquetFromIPC, initParquet } from './parquet';
export { dataRoot } from './load';
export { holdWarmUp, warmUp, stopWarmUp, useWarmUpBusy, warmUpEnabled } from './warm-up';
