/**
 * Provenance per table, and of a figure or an export from the tables its SQL reads. Each table
 * of the engine says where its rows come from (the dataset of the manifest, or an own file), and
 * whether they are synthetic; a figure is synthetic when one table it reads is, and names every
 * source it reads. The tables a query reads come from DuckDB's plan, so CTEs, aliases, strings and
 * console SQL are told apart from table reads.
 */
import type { DatasetManifest } from '../catalogue/dataset';
import { TABLE_NAMES, type PublishedTableName } from '../catalogue/schema';
import type { Connector } from './connector';
import { tablesInSql } from './table-gate';

export interface TableProvenance {
  /** French source label: the dataset's title, or « fichier local : <nom> ». */
  readonly source: string;
  readonly synthetic: boolean;
  /** Name of the user's own file the table was loaded from; null for the dataset's table. */
  readonly ownFile: string | null;
  /** Data version when the table was (re)loaded. */
  readonly version: number;
}

export type ProvenanceMap = ReadonlyMap<PublishedTableName, TableProvenance>;

/** Where a figure's or an export's rows come from, from the tables it reads. */
export interface Provenance {
  readonly tables: readonly PublishedTableName[];
  /** Some table read is the dataset's (not an own file). */
  readonly dataset: boolean;
  /** Own files read, in table order, without repeats. */
  readonly ownFiles: readonly string[];
  /** Some table read holds synthetic data. */
  readonly synthetic: boolean;
}

const PUBLISHED = new Set<string>(TABLE_NAMES);

function isPublished(name: string): name is PublishedTableName {
  return PUBLISHED.has(name);
}

/** Every table as the manifest describes it (the dataset's title as source). */
export function datasetProvenance(manifest: DatasetManifest, version: number): ProvenanceMap {
  const map = new Map<PublishedTableName, TableProvenance>();
  for (const t of manifest.tables) {
    if (isPublished(t.name))
      map.set(t.name, { source: manifest.title, synthetic: t.synthetic, ownFile: null, version });
  }
  return map;
}

/** What replaced some tables: an own file (`ownFile`), or the manifest's tables again (null). */
export interface TableReplacement {
  readonly tables: readonly PublishedTableName[];
  readonly ownFile: string | null;
}

/**
 * The provenance after `change`: the tables it names get the own file's provenance (never
 * synthetic: they are the user's figures) or the manifest's again; the others keep theirs.
 */
export function replaceProvenance(
  map: ProvenanceMap,
  manifest: DatasetManifest | null,
  change: TableReplacement,
  version: number,
): ProvenanceMap {
  const next = new Map(map);
  const dataset = manifest ? datasetProvenance(manifest, version) : new Map();
  for (const name of change.tables) {
    if (change.ownFile !== null) {
      next.set(name, {
        source: `fichier local : ${change.ownFile}`,
        synthetic: false,
        ownFile: change.ownFile,
        version,
      });
    } else {
      const entry = dataset.get(name);
      if (entry) next.set(name, entry);
      else next.delete(name);
    }
  }
  return next;
}

/** Own files in use, in table order, without repeats. */
export function ownFilesInUse(map: ProvenanceMap): string[] {
  const files: string[] = [];
  for (const name of TABLE_NAMES) {
    const file = map.get(name)?.ownFile;
    if (file && !files.includes(file)) files.push(file);
  }
  return files;
}

/** Provenance of what reads `tables`. A table the map does not know counts as the dataset's. */
export function provenanceOf(
  map: ProvenanceMap,
  tables: readonly PublishedTableName[],
): Provenance {
  const entries = tables.map((t) => map.get(t));
  const ownFiles: string[] = [];
  for (const e of entries)
    if (e?.ownFile && !ownFiles.includes(e.ownFile)) ownFiles.push(e.ownFile);
  return {
    tables,
    dataset: entries.some((e) => !e?.ownFile),
    ownFiles,
    // Unknown provenance (no manifest yet) is not claimed real.
    synthetic: entries.some((e) => e === undefined || e.synthetic),
  };
}

/** Published tables scanned in a plan of `EXPLAIN (FORMAT JSON)` (the `explain_value` text). */
export function tablesInPlan(planJson: string): PublishedTableName[] {
  const found = new Set<PublishedTableName>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const n of node) visit(n);
      return;
    }
    if (node === null || typeof node !== 'object') return;
    const { extra_info: info, children } = node as { extra_info?: unknown; children?: unknown };
    if (info && typeof info === 'object' && 'Table' in info) {
      const table = String((info as { Table: unknown }).Table);
      if (isPublished(table)) found.add(table);
    }
    visit(children);
  };
  visit(JSON.parse(planJson) as unknown);
  return TABLE_NAMES.filter((t) => found.has(t));
}

/** The statement that asks DuckDB for the plan of `sql` (a single read query). */
export function explainSql(sql: string): string {
  return `EXPLAIN (FORMAT JSON) ${sql.trim().replace(/;\s*$/, '')}`;
}

/**
 * The published tables `sql` reads, from DuckDB's plan (`run` runs the EXPLAIN statement and
 * returns its `explain_value`); when the plan cannot be had or scans no table (DESCRIBE, SHOW),
 * the table names the SQL text mentions — an over-estimate, on the side of the synthetic mark.
 */
export async function tablesRead(
  run: (explain: string) => Promise<string | null>,
  sql: string,
): Promise<PublishedTableName[]> {
  try {
    const plan = await run(explainSql(sql));
    const read = plan === null ? [] : tablesInPlan(plan);
    // A plan that scans no table (DESCRIBE, SHOW) still shows the tables it names.
    if (read.length > 0) return read;
  } catch {
    // Falls back on the text below.
  }
  return tablesNamedIn(sql);
}

/** The published tables whose name the SQL text mentions (an over-estimate of what it reads). */
export function tablesNamedIn(sql: string): PublishedTableName[] {
  return tablesInSql(sql).filter(isPublished);
}

/** `tablesRead` on `connector` (which must be locked if `sql` is the user's: see engine.ts). */
export function tablesReadOn(connector: Connector, sql: string): Promise<PublishedTableName[]> {
  return tablesRead(async (explain) => {
    const plan = (await connector.query(explain)).getChild('explain_value')?.get(0) as unknown;
    return typeof plan === 'string' ? plan : null;
  }, sql);
}

/**
 * Whether the synthetic-data banner shows: while a figure on screen (`figures`: the tables each
 * reads) reads a synthetic table; with no figure on screen, while a loaded table is synthetic;
 * before any table, as the manifest says.
 */
export function syntheticShown(
  figures: Iterable<readonly PublishedTableName[]>,
  tables: ProvenanceMap,
  manifestSynthetic: boolean,
): boolean {
  const shown = [...figures];
  if (shown.length > 0) return shown.some((read) => provenanceOf(tables, read).synthetic);
  if (tables.size > 0) return [...tables.values()].some((t) => t.synthetic);
  return manifestSynthetic;
}
