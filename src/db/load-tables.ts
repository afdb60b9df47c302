/**
 * Loads the contract's tables into an engine, shared by the browser loader and the Node build.
 * Each file is decoded into a staging table, then copied into a table created from the contract
 * (`columnsDdl`), so types and NOT NULL constraints are the contract's whatever the file wrote.
 */
import { CONFIDENTIALITY, TABLES, columnsDdl, type TableName } from '../catalogue/schema';
import type { DatasetManifest } from '../catalogue/dataset';
import { OWN_FILES_DIR, type Connector } from './connector';
import { LOAD_ORDER } from './table-gate';

export interface LoadProgress {
  /** French description of the current step. */
  readonly step: string;
  /** 0 to 1. */
  readonly progress: number;
}

/**
 * Rows per Arrow record batch when decoding Parquet (parquet-wasm's default is 1,024). One batch
 * per row group (the pipeline writes 122,880 rows per group): decoding non_recours in 1,024-row
 * batches gave 2,667 batches, each a fixed cost in the decoder and in DuckDB's IPC reader.
 */
export const PARQUET_BATCH_ROWS = 131_072;

/** Thrown when a step fails; `message` is French (for the UI), `detail` precise (console). */
export class LoadError extends Error {
  constructor(
    message: string,
    readonly detail: string,
    /** Whether the tables loaded before are known to be as they were (see `replaceContractTables`). */
    readonly kept: boolean = true,
  ) {
    super(message);
    this.name = 'LoadError';
  }
}

/**
 * Copies a staging table into the contract table `name`, or into `target` with its columns
 * (column order and types from the spec).
 */
export function contractCopySql(name: TableName, staging: string, target: string = name): string {
  const spec = TABLES[name];
  const cols = spec.columns.map((c) => `"${c.name}"`).join(', ');
  return (
    `CREATE OR REPLACE TABLE "${target}" (${columnsDdl(spec)});\n` +
    `INSERT INTO "${target}" (${cols}) SELECT ${cols} FROM "${staging}";\n` +
    `DROP TABLE "${staging}";`
  );
}

/**
 * Makes the staging table the contract table: renamed when its columns already have the
 * contract's names, order and types and no NULL where the contract forbids one (saves a copy of
 * millions of rows), copied through `contractCopySql` otherwise (which casts, or fails on a NULL).
 */
async function adoptStaging(
  connector: Connector,
  name: TableName,
  staging: string,
  target: string,
): Promise<void> {
  const spec = TABLES[name];
  const cols = await connector.query(
    `SELECT column_name, data_type FROM duckdb_columns() WHERE table_name = '${staging}' ORDER BY column_index`,
  );
  const actual = cols
    .toArray()
    .map((r: { column_name: string; data_type: string }) => `${r.column_name} ${r.data_type}`);
  const expected = spec.columns.map((c) => `${c.name} ${c.type}`);
  const notNull = spec.columns.filter((c) => !c.nullable).map((c) => `"${c.name}" IS NULL`);
  if (actual.join(',') === expected.join(',')) {
    const nulls = await connector.query(
      `SELECT count(*) AS n FROM "${staging}" WHERE ${notNull.length > 0 ? notNull.join(' OR ') : 'FALSE'}`,
    );
    if (Number(nulls.get(0)?.n) === 0) {
      await connector.exec(
        `DROP TABLE IF EXISTS "${target}"; ALTER TABLE "${staging}" RENAME TO "${target}";`,
      );
      return;
    }
  }
  await connector.exec(contractCopySql(name, staging, target));
}

/**
 * The second line of confidentiality (the first is the publication step): a shown cell of a
 * published table that the primary rule would hide. Empty for tables without a rule.
 */
export function primaryBreachSql(name: TableName, from: string = name): string | null {
  const small = (e: string, min: number): string => `(${e} >= 1 AND ${e} < ${min})`;
  if (name === 'cases')
    return `SELECT count(*) AS n FROM "${from}" WHERE NOT suppressed AND ${small('"count"', CONFIDENTIALITY.cases.minCount)}`;
  if (name === 'non_recours') {
    const t = CONFIDENTIALITY.non_recours;
    return (
      `SELECT count(*) AS n FROM "${from}" WHERE NOT suppressed AND (${small('eligible', t.minDenominator)}` +
      ` OR ${small('non_recipients', t.minCount)} OR ${small('eligible - non_recipients', t.minCount)})`
    );
  }
  return null;
}

/** Refuses a published table holding a cell the primary rule forbids (never shown, never kept). */
async function checkPrimaryRule(
  connector: Connector,
  name: TableName,
  file: string,
  target: string,
): Promise<void> {
  const sql = primaryBreachSql(name, target);
  if (sql === null) return;
  const n = Number((await connector.query(sql)).getChild('n')?.get(0) ?? 0);
  if (n > 0) {
    await connector.exec(`DROP TABLE IF EXISTS "${target}"`);
    throw new LoadError(
      `Le fichier ${file} contient ${n} cellule(s) que le secret statistique interdit de montrer : il n’est pas chargé. Le jeu publié doit être reconstruit par le pipeline (« npm run data »).`,
      `${file} → ${name}: ${n} shown cell(s) breaking the primary rule (${sql})`,
    );
  }
}

/** The manifest's entry for `name`, or the French error saying the dataset lacks it. */
export function manifestEntry(
  manifest: DatasetManifest,
  name: TableName,
): DatasetManifest['tables'][number] {
  const entry = manifest.tables.find((t) => t.name === name);
  if (!entry) {
    throw new LoadError(
      `Le jeu de données ne contient pas la table « ${TABLES[name].label} ».`,
      `manifest.json: no entry for table ${name}`,
    );
  }
  return entry;
}

/**
 * Loads one contract table: `stage(staging)` creates the staging table (from Parquet bytes, Arrow
 * IPC…), then the staging table becomes the contract table `name` (or the table `target`, with
 * the contract's columns: see `replaceContractTables`). Failures become a LoadError naming the
 * file.
 */
export async function loadContractTable(
  connector: Connector,
  name: TableName,
  file: string,
  stage: (staging: string) => Promise<void>,
  target: string = name,
): Promise<void> {
  const staging = `__staging_${target}`;
  try {
    await stage(staging);
    await adoptStaging(connector, name, staging, target);
  } catch (e) {
    await connector.exec(`DROP TABLE IF EXISTS "${staging}"`).catch(() => undefined);
    throw new LoadError(
      `Le fichier ${file} ne respecte pas le format attendu pour « ${TABLES[name].label} ».`,
      `${file} → ${name}: ${e instanceof Error ? e.message : String(e)}`,
    );
  }
  await checkPrimaryRule(connector, name, file, target);
}

/** Fetches a table's file through `readFile`; failures become a LoadError naming the file. */
export async function readTableFile(
  file: string,
  readFile: (file: string) => Promise<Uint8Array>,
): Promise<Uint8Array> {
  try {
    return await readFile(file);
  } catch (e) {
    throw new LoadError(
      `Impossible de télécharger le fichier ${file}.`,
      `${file}: ${e instanceof Error ? e.message : String(e)}`,
    );
  }
}

/** Progress callback and a hook called as each table becomes queryable. */
export interface LoadHooks {
  readonly onProgress?: (p: LoadProgress) => void;
  readonly onTable?: (name: TableName) => void;
  /** Only these tables (e.g. those a few queries read, `tablesInSql`); default every one. */
  readonly only?: readonly TableName[];
}

/**
 * Fetches and loads every contract table listed in the manifest, in LOAD_ORDER (the deferred,
 * large tables last), reporting two steps per table (download, decode) and calling `onTable` as
 * each one can be queried. `readFile` gets the manifest's relative path.
 */
export async function loadContractTables(
  connector: Connector,
  manifest: DatasetManifest,
  readFile: (file: string) => Promise<Uint8Array>,
  hooks: LoadHooks = {},
  load: (name: string, bytes: Uint8Array) => Promise<void> = (n, b) => connector.loadParquet(n, b),
): Promise<void> {
  const onProgress = hooks.onProgress ?? (() => undefined);
  const names = LOAD_ORDER.filter((name) => hooks.only?.includes(name) ?? true);
  const total = names.length * 2;
  const entries = names.map((name) => ({ name, file: manifestEntry(manifest, name).file }));
  let done = 0;
  for (const { name, file } of entries) {
    onProgress({ step: `Téléchargement : ${TABLES[name].label}`, progress: done / total });
    const bytes = await readTableFile(file, readFile);
    done += 1;
    onProgress({ step: `Chargement : ${TABLES[name].label}`, progress: done / total });
    await loadContractTable(connector, name, file, (staging) => load(staging, bytes));
    done += 1;
    hooks.onTable?.(name);
  }
  onProgress({ step: 'Données chargées', progress: 1 });
}

/** Name of the table a contract table is staged in before `replaceContractTables` swaps it in. */
export function nextTableName(name: TableName): string {
  return `__next_${name}`;
}

/**
 * Replaces the contract tables `names` all at once or not at all: each file is read and loaded
 * (contract types, primary rule) into its own staging table `__next_<name>`, then one
 * transaction drops the current tables and renames the staging ones. Until that transaction
 * commits, the current tables are untouched; on any failure (a file unreachable or malformed, the
 * transaction refused) the staging tables are dropped and a LoadError says which file failed.
 * `readFile` gets the manifest's relative path.
 */
export async function replaceContractTables(
  connector: Connector,
  manifest: DatasetManifest,
  names: readonly TableName[],
  readFile: (file: string) => Promise<Uint8Array>,
  hooks: Pick<LoadHooks, 'onProgress'> = {},
): Promise<void> {
  const onProgress = hooks.onProgress ?? (() => undefined);
  const order = LOAD_ORDER.filter((n) => names.includes(n));
  const entries = order.map((name) => ({ name, file: manifestEntry(manifest, name).file }));
  try {
    for (const [i, { name, file }] of entries.entries()) {
      onProgress({ step: `Chargement : ${TABLES[name].label}`, progress: i / entries.length });
      const bytes = await readTableFile(file, readFile);
      await loadContractTable(
        connector,
        name,
        file,
        (staging) => connector.loadParquet(staging, bytes),
        nextTableName(name),
      );
    }
    const swap = order.map(
      (n) => `DROP TABLE IF EXISTS ${n}; ALTER TABLE "${nextTableName(n)}" RENAME TO ${n};`,
    );
    try {
      // One call: no query sharing the connection runs between a DROP and its RENAME.
      await connector.exec(`BEGIN TRANSACTION; ${swap.join(' ')} COMMIT;`);
    } catch (e) {
      const rolledBack = await connector.exec('ROLLBACK').then(
        () => true,
        // No transaction left to roll back: the failed statement ended it, nothing committed.
        (r: unknown) => /no transaction is active/i.test(String(r)),
      );
      throw new LoadError(
        'Les tables n’ont pas pu être remplacées.',
        `swap of ${order.join(', ')}: ${e instanceof Error ? e.message : String(e)}`,
        rolledBack,
      );
    }
  } finally {
    for (const n of order)
      await connector.exec(`DROP TABLE IF EXISTS "${nextTableName(n)}"`).catch(() => undefined);
  }
  onProgress({ step: 'Données chargées', progress: 1 });
}

/**
 * Closes the engine to files and the network for good: `enable_external_access = false`, then
 * `lock_configuration` so no later statement (the SQL console included) can turn it back on. Run
 * after every table is loaded, before anything the user supplies (console, own file) runs. Only
 * `OWN_FILES_DIR` stays readable: it holds nothing but the file the user is loading, while it loads.
 */
export async function lockEngine(connector: Connector): Promise<void> {
  // The user's own files (registered there only while they load) stay readable by read_csv.
  await connector.exec(`SET allowed_directories = ['${OWN_FILES_DIR}']`);
  await connector.exec('SET enable_external_access = false');
  await connector.exec('SET lock_configuration = true');
}
