/**
 * Loads the dataset into the engine: `manifest.json` from the data root, then every table of the
 * contract, then locks the engine away from files and the network.
 *
 * Deployment switches (set on `window` before the app starts, e.g. by an inline script):
 * - `__OBSERVATOIRE_DATA_ROOT__`: data root (default `<base>data/`); browser tests use
 *   `/data/fixtures/`.
 * - `__OBSERVATOIRE_PARQUET_READER__ = 'duckdb'`: use DuckDB's own `read_parquet` instead of
 *   parquet-wasm. Only for a deployer who self-hosts DuckDB's official extension repository at
 *   `__OBSERVATOIRE_DUCKDB_EXTENSIONS__` (default `<origin>/duckdb-extensions`): the parquet
 *   extension is installed and loaded explicitly from there, never from the internet.
 */
import { MANIFEST_FILE, SCHEMA_VERSION, type DatasetManifest } from '../catalogue/dataset';
import type { Connector } from './connector';
import { LoadError, loadContractTables, type LoadProgress } from './load-tables';

declare global {
  interface Window {
    __OBSERVATOIRE_DATA_ROOT__?: string;
    __OBSERVATOIRE_PARQUET_READER__?: 'duckdb' | 'parquet-wasm';
    __OBSERVATOIRE_DUCKDB_EXTENSIONS__?: string;
  }
}

/** The data root URL, always ending with `/`. */
export function dataRoot(): string {
  const configured = typeof window !== 'undefined' ? window.__OBSERVATOIRE_DATA_ROOT__ : undefined;
  const root = configured ?? `${import.meta.env.BASE_URL}data/`;
  return root.endsWith('/') ? root : `${root}/`;
}

/** Which Parquet reader the deployment asked for. */
export function parquetReader(): 'duckdb' | 'parquet-wasm' {
  return typeof window !== 'undefined' && window.__OBSERVATOIRE_PARQUET_READER__ === 'duckdb'
    ? 'duckdb'
    : 'parquet-wasm';
}

async function fetchBytes(url: string): Promise<Uint8Array> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`HTTP ${response.status} ${response.statusText} — ${url}`);
  return new Uint8Array(await response.arrayBuffer());
}

/** Fetches and checks manifest.json. */
export async function fetchManifest(root: string = dataRoot()): Promise<DatasetManifest> {
  let text: string;
  try {
    const response = await fetch(`${root}${MANIFEST_FILE}`, { cache: 'no-cache' });
    if (!response.ok) throw new Error(`HTTP ${response.status} ${response.statusText}`);
    text = await response.text();
  } catch (e) {
    throw new LoadError(
      'Les données sont introuvables. Construisez-les avec « npm run data » puis rechargez la page.',
      `${root}${MANIFEST_FILE}: ${e instanceof Error ? e.message : String(e)}`,
    );
  }
  let manifest: DatasetManifest;
  try {
    manifest = JSON.parse(text) as DatasetManifest;
  } catch (e) {
    throw new LoadError(
      'Le fichier de description des données (manifest.json) est illisible.',
      `${root}${MANIFEST_FILE}: ${e instanceof Error ? e.message : String(e)}`,
    );
  }
  if (manifest.schemaVersion !== SCHEMA_VERSION || !Array.isArray(manifest.tables)) {
    throw new LoadError(
      'Les données ont été construites pour une autre version de l’application. Reconstruisez-les avec « npm run data ».',
      `${root}${MANIFEST_FILE}: schemaVersion ${String(manifest.schemaVersion)}, expected ${SCHEMA_VERSION}`,
    );
  }
  return manifest;
}

/**
 * Loads the dataset at the data root into `connector`, reporting progress, then sets
 * `enable_external_access = false` so no later query can read a file or a URL, and locks the
 * configuration so no later statement (the SQL console included) can turn it back on.
 */
export async function loadDataset(
  connector: Connector,
  onProgress: (p: LoadProgress) => void,
  root: string = dataRoot(),
): Promise<DatasetManifest> {
  onProgress({ step: 'Lecture de la description des données', progress: 0 });
  const manifest = await fetchManifest(root);
  if (parquetReader() === 'duckdb') {
    const repo =
      window.__OBSERVATOIRE_DUCKDB_EXTENSIONS__ ?? `${window.location.origin}/duckdb-extensions`;
    try {
      await connector.exec(
        `SET custom_extension_repository = '${repo.replaceAll("'", "''")}'; INSTALL parquet; LOAD parquet;`,
      );
    } catch (e) {
      throw new LoadError(
        'Le lecteur Parquet de DuckDB n’a pas pu être chargé depuis le dépôt d’extensions configuré.',
        `${repo}: ${e instanceof Error ? e.message : String(e)}`,
      );
    }
  }
  await loadContractTables(connector, manifest, (file) => fetchBytes(`${root}${file}`), onProgress);
  await connector.exec('SET enable_external_access = false');
  await connector.exec('SET lock_configuration = true');
  return manifest;
}
