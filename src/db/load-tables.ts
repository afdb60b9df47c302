/**
 * Loads the contract's tables into an engine, shared by the browser loader and the Node build.
 * Each file is decoded into a staging table, then copied into a table created from the contract
 * (`columnsDdl`), so types and NOT NULL constraints are the contract's whatever the file wrote.
 */
import { TABLES, TABLE_NAMES, columnsDdl, type TableName } from '../catalogue/schema';
import type { DatasetManifest } from '../catalogue/dataset';
import type { Connector } from './connector';

export interface LoadProgress {
  /** French description of the current step. */
  readonly step: string;
  /** 0 to 1. */
  readonly progress: number;
}

/** Thrown when a step fails; `message` is French (for the UI), `detail` precise (console). */
export class LoadError extends Error {
  constructor(
    message: string,
    readonly detail: string,
  ) {
    super(message);
    this.name = 'LoadError';
  }
}

/** Copies a staging table into the contract table `name` (column order and types from the spec). */
export function contractCopySql(name: TableName, staging: string): string {
  const spec = TABLES[name];
  const cols = spec.columns.map((c) => `"${c.name}"`).join(', ');
  return (
    `CREATE OR REPLACE TABLE ${name} (${columnsDdl(spec)});\n` +
    `INSERT INTO ${name} (${cols}) SELECT ${cols} FROM "${staging}";\n` +
    `DROP TABLE "${staging}";`
  );
}

/**
 * Makes the staging table the contract table: renamed when its columns already have the
 * contract's names, order and types and no NULL where the contract forbids one (saves a copy of
 * millions of rows), copied through `contractCopySql` otherwise (which casts, or fails on a NULL).
 */
async function adoptStaging(connector: Connector, name: TableName, staging: string): Promise<void> {
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
        `DROP TABLE IF EXISTS ${name}; ALTER TABLE "${staging}" RENAME TO ${name};`,
      );
      return;
    }
  }
  await connector.exec(contractCopySql(name, staging));
}

/**
 * Fetches and loads every table of TABLE_NAMES listed in the manifest, reporting two steps per
 * table (download, decode). `readFile` gets the manifest's relative path.
 */
export async function loadContractTables(
  connector: Connector,
  manifest: DatasetManifest,
  readFile: (file: string) => Promise<Uint8Array>,
  onProgress: (p: LoadProgress) => void = () => undefined,
  load: (name: string, bytes: Uint8Array) => Promise<void> = (n, b) => connector.loadParquet(n, b),
): Promise<void> {
  const total = TABLE_NAMES.length * 2;
  let done = 0;
  for (const name of TABLE_NAMES) {
    const entry = manifest.tables.find((t) => t.name === name);
    if (!entry) {
      throw new LoadError(
        `Le jeu de données ne contient pas la table « ${TABLES[name].label} ».`,
        `manifest.json: no entry for table ${name}`,
      );
    }
    onProgress({ step: `Téléchargement : ${TABLES[name].label}`, progress: done / total });
    let bytes: Uint8Array;
    try {
      bytes = await readFile(entry.file);
    } catch (e) {
      throw new LoadError(
        `Impossible de télécharger le fichier ${entry.file}.`,
        `${entry.file}: ${e instanceof Error ? e.message : String(e)}`,
      );
    }
    done += 1;
    onProgress({ step: `Chargement : ${TABLES[name].label}`, progress: done / total });
    const staging = `__staging_${name}`;
    try {
      await load(staging, bytes);
      await adoptStaging(connector, name, staging);
    } catch (e) {
      throw new LoadError(
        `Le fichier ${entry.file} ne respecte pas le format attendu pour « ${TABLES[name].label} ».`,
        `${entry.file} → ${name}: ${e instanceof Error ? e.message : String(e)}`,
      );
    }
    done += 1;
  }
  onProgress({ step: 'Données chargées', progress: 1 });
}
