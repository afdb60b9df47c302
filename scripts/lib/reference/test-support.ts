/**
 * For the tests of the reference loaders (territories, populations, services, geo): a model and
 * a DuckDB connection on a temporary folder, without build-all (whose other loaders are not
 * ours), and the contract checks a written table must pass.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CODE_LISTS, type TableSpec } from '../../../src/catalogue';
import type { BuildContext } from '../context';
import { openDuck } from '../duck';
import { buildModel } from '../model';
import { DEFAULT_SEED, type BuildOptions } from '../options';

export interface LoaderTestContext extends BuildContext {
  /** Rows of a query as plain objects (BigInt as number). */
  rows(sql: string): Promise<Record<string, unknown>[]>;
  /** `read_parquet('<outDir>/<file>')`. */
  parquet(file: string): string;
  close(): void;
}

export async function loaderContext(
  departements: readonly string[] | null,
  over: Partial<BuildOptions> = {},
): Promise<LoaderTestContext> {
  const opts: BuildOptions = {
    seed: DEFAULT_SEED,
    scale: 1,
    outDir: fs.mkdtempSync(path.join(os.tmpdir(), 'observatoire-reference-')),
    geo: false,
    ifMissing: false,
    departements,
    quiet: true,
    ...over,
  };
  const model = buildModel(opts);
  const { db, conn } = await openDuck();
  return {
    opts,
    model,
    conn,
    log: () => undefined,
    async rows(sql) {
      const reader = await conn.runAndReadAll(sql);
      return reader
        .getRowObjectsJS()
        .map((r) =>
          Object.fromEntries(
            Object.entries(r).map(([k, v]) => [k, typeof v === 'bigint' ? Number(v) : v]),
          ),
        );
    },
    parquet: (file) => `read_parquet('${path.join(opts.outDir, file).replaceAll("'", "''")}')`,
    close() {
      conn.closeSync();
      db.closeSync();
      fs.rmSync(opts.outDir, { recursive: true, force: true });
    },
  };
}

/** Problems of a written table against its contract: columns, types, NULLs, codes, key. */
export async function contractProblems(
  ctx: LoaderTestContext,
  spec: TableSpec,
  file: string,
): Promise<string[]> {
  const src = ctx.parquet(file);
  const problems: string[] = [];
  const described = await ctx.rows(`DESCRIBE SELECT * FROM ${src}`);
  const got = described.map((r) => `${String(r.column_name)} ${String(r.column_type)}`);
  const want = spec.columns.map((c) => `${c.name} ${c.type}`);
  if (got.join(',') !== want.join(',')) problems.push(`columns ${got.join(',')}`);
  for (const c of spec.columns) {
    const checks: string[] = [];
    if (!c.nullable) checks.push(`"${c.name}" IS NULL`);
    if (c.codes) {
      const list = (CODE_LISTS[c.codes] as readonly string[]).map((v) => `'${v}'`).join(', ');
      checks.push(`"${c.name}" NOT IN (${list})`);
    }
    if (c.min !== undefined) checks.push(`"${c.name}" < ${c.min}`);
    for (const check of checks) {
      const [r] = await ctx.rows(`SELECT count(*) FILTER (WHERE ${check}) AS bad FROM ${src}`);
      if (r?.bad) problems.push(`${c.name}: ${check} (${String(r.bad)})`);
    }
  }
  const key = spec.key.map((k) => `"${k}"`).join(', ');
  const [dup] = await ctx.rows(
    `SELECT count(*) AS n FROM (SELECT ${key} FROM ${src} GROUP BY ALL HAVING count(*) > 1)`,
  );
  if (dup?.n) problems.push(`duplicate keys (${String(dup.n)})`);
  return problems;
}
