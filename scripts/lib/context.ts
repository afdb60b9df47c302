/** What every loader receives: options, the territory model, a DuckDB connection, a logger. */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { TableManifest } from '../../src/catalogue';
import type { TerritoryModel } from './model';
import type { BuildOptions } from './options';

export interface BuildContext {
  readonly opts: BuildOptions;
  readonly model: TerritoryModel;
  readonly conn: DuckDBConnection;
  readonly log: (message: string) => void;
}

export type TableLoader = (ctx: BuildContext) => Promise<TableManifest>;

/** Population of each place where facts live: the hors-QPV part of a commune, or a QPV. */
export interface Place {
  readonly commune: string;
  readonly qpv: string | null;
  readonly population: number;
  readonly rural: boolean;
  readonly rurality: string | null;
  readonly departement: string;
}

export function places(model: TerritoryModel): Place[] {
  const qpvByCommune = new Map<string, { code: string; population: number }[]>();
  for (const q of model.qpv) {
    const list = qpvByCommune.get(q.commune) ?? [];
    list.push(q);
    qpvByCommune.set(q.commune, list);
  }
  const out: Place[] = [];
  for (const c of model.communes) {
    const qs = qpvByCommune.get(c.code) ?? [];
    const inQpv = qs.reduce((s, q) => s + q.population, 0);
    const rural = c.rurality === 'peu_dense' || c.rurality === 'tres_peu_dense';
    const base = { commune: c.code, rural, rurality: c.rurality, departement: c.departement };
    out.push({ ...base, qpv: null, population: Math.max(0, c.population - inQpv) });
    for (const q of qs) out.push({ ...base, qpv: q.code, population: q.population });
  }
  return out;
}

/**
 * Writes `list` as table `name` (place INTEGER = index in `list`, commune_code, qpv_code), so a
 * loader can draw facts by place index and join the codes back in SQL.
 */
export async function writePlacesTable(
  conn: DuckDBConnection,
  name: string,
  list: readonly Place[],
): Promise<void> {
  await conn.run(
    `CREATE OR REPLACE TABLE ${name} (place INTEGER, commune_code VARCHAR, qpv_code VARCHAR)`,
  );
  const appender = await conn.createAppender(name);
  list.forEach((p, i) => {
    appender.appendInteger(i);
    appender.appendVarchar(p.commune);
    if (p.qpv) appender.appendVarchar(p.qpv);
    else appender.appendNull();
    appender.endRow();
  });
  appender.closeSync();
}
