/**
 * A query that runs faster by reading relations computed once and kept as TEMP tables. Its
 * standalone form (`sql`) is what the export and the SQL button give; `run` reads the temp tables
 * and gives exactly the same rows (checked in group-series-plan.test.ts).
 */

/** A relation to materialise once: `CREATE TEMP TABLE <name> AS <sql>`. */
export interface TempRelation {
  /** Derived from `sql` (see `tempRelation`), so equal texts share one table. */
  readonly name: string;
  /** Standalone SQL of the relation. */
  readonly sql: string;
}

export interface QueryPlan {
  /** Standalone SQL: the cache key, the export and the SQL button. */
  readonly sql: string;
  /** Temp tables `run` reads, to create first (in this order) unless they exist. */
  readonly temps: readonly TempRelation[];
  /** What runs once `temps` exist; same rows as `sql`. */
  readonly run: string;
}

/** A plan with no temp table: runs its standalone SQL. */
export function plainPlan(sql: string): QueryPlan {
  return { sql, temps: [], run: sql };
}

/**
 * 64 bits of hash of a string (two 32-bit multiplicative lanes over UTF-16 code units), as 16 hex
 * digits. Not cryptographic: the runner keeps each name's SQL and refuses a second, different SQL
 * under the same name, so a collision fails loudly instead of reading the wrong relation.
 */
export function hash64(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x9747b28c;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  a = Math.imul(a ^ (a >>> 16), 0x85ebca6b);
  b = Math.imul(b ^ (b >>> 13), 0xc2b2ae35);
  const hex = (n: number): string => (n >>> 0).toString(16).padStart(8, '0');
  return hex(a ^ (b >>> 7)) + hex(b ^ (a >>> 11));
}

/** A temp relation named after its SQL text. */
export function tempRelation(sql: string): TempRelation {
  return { name: `obs_tmp_${hash64(sql)}`, sql };
}
