/**
 * The engine for the app. This folder is the only importer of @duckdb/duckdb-wasm; everything
 * else uses the Connector interface and these hooks.
 */
export type { Connector, EngineStatus } from './connector';
export {
  startEngine,
  bootEngine,
  releaseEngine,
  stopEngine,
  restartEngine,
  notifyDataChanged,
  dataVersion,
  runQuery,
  tablesReadBy,
  appCoordinator,
} from './engine';
export { useQuery, cachedQuery, type QueryState } from './useQuery';
export {
  Coordinator,
  DEFAULT_CACHE_BYTES,
  type CoordinatorOptions,
  type EngineSlot,
  type QueryOptions,
} from './coordinator';
export { CoordinatorProvider } from './CoordinatorProvider';
export { useCoordinator, useDataVersion, useWarmUpBusy } from './useCoordinator';
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
export { dataRoot, whenIdle } from './load';
export { holdWarmUp, warmUp, stopWarmUp } from './compat';
export { warmUpEnabled } from './warm-up';
