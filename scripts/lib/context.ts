/** What every loader receives: options, the territory model, a DuckDB connection, a logger. */
import type { DuckDBConnection } from '@duckdb/node-api';
import {
  FRR_MEMBERS,
  RURAL_CLASSES,
  ZRR_MEMBERS,
  type Rurality,
  type SiteId,
  type TableManifest,
} from '../../src/catalogue';
import type { QpvModel, TerritoryModel } from './model';
import type { BuildOptions } from './options';

export interface BuildContext {
  readonly opts: BuildOptions;
  readonly model: TerritoryModel;
  readonly conn: DuckDBConnection;
  readonly log: (message: string) => void;
}

export type TableLoader = (ctx: BuildContext) => Promise<TableManifest>;

/** QPV in force in `year` (each in its département: the DROM keep the 2015 list through 2024). */
export function qpvInForce(model: TerritoryModel, year: number): QpvModel[] {
  return model.qpv.filter((q) => inForce(q, year));
}

/** Whether QPV `q` is in force in `year`. */
export function inForce(q: QpvModel, year: number): boolean {
  return q.validFrom <= year && (q.validTo === null || year <= q.validTo);
}

/**
 * A unit where facts live in a year: the hors-QPV part of a commune (`qpv` null), or the piece of
 * a QPV in force in that commune. The places of a year partition every commune's population.
 */
export interface Place {
  readonly commune: string;
  /** QPV code, null for the commune's hors-QPV part. */
  readonly qpv: string | null;
  /** Inhabitants (QPV pieces and hence hors-QPV parts of communes with QPV: SYNTHETIC). */
  readonly population: number;
  readonly departement: string;
  readonly region: string;
  readonly epci: string | null;
  readonly rurality: Rurality | null;
  /** In a rural commune (Insee: peu dense or très peu dense). */
  readonly rural: boolean;
  /** In a commune counted in the `frr` part (`FRR_MEMBERS`). */
  readonly frr: boolean;
  /** In a commune classed ZRR (`ZRR_MEMBERS`); the zoning applies in `ZRR_YEARS` only. */
  readonly zrr: boolean;
  readonly site: SiteId | null;
}

/**
 * The places of `year`, commune by commune (sorted by code): its hors-QPV part (population =
 * commune − pieces of the QPV in force there, never below 0), then each piece of a QPV in force.
 */
export function places(model: TerritoryModel, year: number): Place[] {
  const piecesOf = new Map<string, { qpv: string; population: number }[]>();
  for (const q of qpvInForce(model, year))
    for (const p of q.pieces) {
      const list = piecesOf.get(p.commune) ?? [];
      list.push({ qpv: q.code, population: p.population });
      piecesOf.set(p.commune, list);
    }
  const out: Place[] = [];
  for (const c of model.communes) {
    const rural = c.rurality !== null && RURAL_CLASSES.includes(c.rurality);
    const frr = c.frr !== null && FRR_MEMBERS.includes(c.frr);
    const zrr = c.zrr !== null && ZRR_MEMBERS.includes(c.zrr);
    const place = (qpv: string | null, population: number): Place => ({
      commune: c.code,
      qpv,
      population,
      departement: c.departement,
      region: c.region,
      epci: c.epci,
      rurality: c.rurality,
      rural,
      frr,
      zrr,
      site: c.site,
    });
    const pieces = (piecesOf.get(c.code) ?? []).sort((a, b) => (a.qpv < b.qpv ? -1 : 1));
    const inQpv = pieces.reduce((s, p) => s + p.population, 0);
    out.push(place(null, Math.max(0, c.population - inQpv)));
    for (const p of pieces) out.push(place(p.qpv, p.population));
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
