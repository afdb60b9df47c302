/**
 * Which contract table a user's file holds, from its column names. Names are compared after
 * trimming and lower-casing, so `Count` or ` year ` still match.
 */
import {
  LOADABLE_TABLES,
  TABLES,
  type LoadableTable,
  type TableName,
  type TableSpec,
} from '../catalogue';

// Which tables a user may load is part of the contract (catalogue/tables.ts).
export { LOADABLE_TABLES, type LoadableTable } from '../catalogue';

/** The engine table a loaded file replaces: a grain file becomes its table of cells. */
export function targetTable(
  table: LoadableTable,
): 'cases' | 'non_recours' | 'services' | 'territories' {
  return table === 'cases_grain' ? 'cases' : table === 'non_recours_grain' ? 'non_recours' : table;
}

export function normaliseColumnName(name: string): string {
  return name.trim().toLowerCase();
}

export interface Detection {
  /** The table recognised, or null when no table's required columns are all present. */
  readonly table: LoadableTable | null;
  /** The closest table (for the error message when `table` is null). */
  readonly closest: LoadableTable;
  /** Required columns of the closest table that the file lacks. */
  readonly missing: readonly string[];
  /** Columns of the file the table does not use (ignored on load). */
  readonly extra: readonly string[];
  /** File column name for each contract column found (original spelling). */
  readonly mapping: Readonly<Record<string, string>>;
}

function score(spec: TableSpec, names: ReadonlySet<string>): { found: number; missing: string[] } {
  const missing = spec.columns.filter((c) => !c.nullable && !names.has(c.name)).map((c) => c.name);
  const found = spec.columns.filter((c) => names.has(c.name)).length;
  return { found, missing };
}

/** Recognises the table from the file's columns. */
export function detectTable(columns: readonly string[]): Detection {
  const byNormal = new Map(columns.map((c) => [normaliseColumnName(c), c]));
  const names = new Set(byNormal.keys());
  let best: { table: LoadableTable; found: number; missing: string[] } | null = null;
  for (const table of LOADABLE_TABLES) {
    const s = score(TABLES[table], names);
    // Complete matches first, then the most columns found, then the fewest missing.
    const better =
      !best ||
      (s.missing.length === 0 && best.missing.length > 0) ||
      ((s.missing.length === 0) === (best.missing.length === 0) &&
        (s.found > best.found ||
          (s.found === best.found && s.missing.length < best.missing.length)));
    if (better) best = { table, ...s };
  }
  const closest = (best?.table ?? 'cases') as LoadableTable;
  const spec: TableSpec = TABLES[closest as TableName];
  const used = new Set(spec.columns.map((c) => c.name));
  const mapping: Record<string, string> = {};
  for (const c of spec.columns) {
    const original = byNormal.get(c.name);
    if (original !== undefined) mapping[c.name] = original;
  }
  return {
    table: best && best.missing.length === 0 ? closest : null,
    closest,
    missing: best?.missing ?? [],
    extra: columns.filter((c) => !used.has(normaliseColumnName(c))),
    mapping,
  };
}
