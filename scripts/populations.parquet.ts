/**
 * populations.parquet — the denominators: the population of every published part of every
 * territory (`publishedParts`), per period of constant value over FIRST_YEAR..LAST_YEAR. Parts of
 * area levels are sums over their communes; the QPV and hors-QPV parts follow the QPV in force
 * each year (the 2015 list until 2023 in metropolitan France, through 2024 overseas); the ZRR
 * parts exist only in ZRR_YEARS. A value is `synthetic` when it involves the estimated QPV
 * populations.
 */
import path from 'node:path';
import {
  FIRST_YEAR,
  FRR_MEMBERS,
  LAST_YEAR,
  RURAL_CLASSES,
  TABLES,
  ZRR_MEMBERS,
  partInYear,
  publishedParts,
  type Part,
  type TableManifest,
  type TerritoryLevel,
} from '../src/catalogue';
import { inForce, qpvInForce, type BuildContext } from './lib/context';
import { createContractTable, writeParquet, type Cell } from './lib/duck';
import type { TerritoryModel } from './lib/model';

const YEARS = Array.from({ length: LAST_YEAR - FIRST_YEAR + 1 }, (_, i) => FIRST_YEAR + i);

export interface PopulationRow {
  readonly level: TerritoryLevel;
  readonly code: string;
  readonly part: Part;
  readonly yearFrom: number;
  readonly yearTo: number;
  readonly population: number;
  readonly synthetic: boolean;
}

/** A value per year (NaN = the part is not published that year) and whether it is synthetic. */
type Series = { values: number[]; synthetic: boolean[] };

/** Periods of constant value and flag; years without a value end a period. */
function periods(
  level: TerritoryLevel,
  code: string,
  part: Part,
  s: Series,
  out: PopulationRow[],
): void {
  let start = -1;
  for (let i = 0; i <= YEARS.length; i++) {
    const same =
      i < YEARS.length &&
      start >= 0 &&
      s.values[i] === s.values[start] &&
      s.synthetic[i] === s.synthetic[start];
    if (same) continue;
    if (start >= 0)
      out.push({
        level,
        code,
        part,
        yearFrom: YEARS[start] as number,
        yearTo: YEARS[i - 1] as number,
        population: s.values[start] as number,
        synthetic: s.synthetic[start] as boolean,
      });
    start = i < YEARS.length && !Number.isNaN(s.values[i]) ? i : -1;
  }
}

export function populationRows(model: TerritoryModel): PopulationRow[] {
  const communes = model.communes;
  const n = communes.length;
  const index = new Map(communes.map((c, i) => [c.code, i]));
  const Y = YEARS.length;
  // Per commune and year: inhabitants in the QPV in force, and how many pieces they make.
  const inQpv = new Float64Array(n * Y);
  const pieces = new Int32Array(n * Y);
  const out: PopulationRow[] = [];
  YEARS.forEach((year, y) => {
    for (const q of qpvInForce(model, year))
      for (const p of q.pieces) {
        const i = index.get(p.commune);
        if (i === undefined) continue;
        inQpv[i * Y + y] = (inQpv[i * Y + y] ?? 0) + p.population;
        pieces[i * Y + y] = (pieces[i * Y + y] ?? 0) + 1;
      }
  });
  const rural = communes.map((c) => c.rurality !== null && RURAL_CLASSES.includes(c.rurality));
  const frr = communes.map((c) => c.frr !== null && FRR_MEMBERS.includes(c.frr));
  const zrr = communes.map((c) => c.zrr !== null && ZRR_MEMBERS.includes(c.zrr));
  const hors = (i: number, y: number): number =>
    Math.max(0, (communes[i]?.population ?? 0) - (inQpv[i * Y + y] ?? 0));

  // Area levels: every part, sums over the member communes.
  const areas: { level: TerritoryLevel; code: string; members: number[] }[] = [];
  const group = (level: TerritoryLevel, key: (i: number) => string | null): void => {
    const m = new Map<string, number[]>();
    for (let i = 0; i < n; i++) {
      const k = key(i);
      if (k === null) continue;
      const list = m.get(k) ?? [];
      list.push(i);
      m.set(k, list);
    }
    for (const [code, members] of [...m].sort((a, b) => (a[0] < b[0] ? -1 : 1)))
      areas.push({ level, code, members });
  };
  group('france', () => 'FR');
  group('region', (i) => communes[i]?.region ?? null);
  group('departement', (i) => communes[i]?.departement ?? null);
  group('epci', (i) => communes[i]?.epci ?? null);
  group('site', (i) => communes[i]?.site ?? null);
  for (const a of areas)
    for (const part of publishedParts(a.level)) {
      const s: Series = { values: [], synthetic: [] };
      YEARS.forEach((year, y) => {
        if (!partInYear(part, year)) {
          s.values.push(NaN);
          s.synthetic.push(false);
          return;
        }
        let v = 0;
        let k = 0;
        for (const i of a.members) {
          const pop = communes[i]?.population ?? 0;
          if (part === 'qpv') v += inQpv[i * Y + y] ?? 0;
          else if (part === 'hors_qpv') v += hors(i, y);
          else if (
            part === 'tous' ||
            (part === 'rural' && rural[i]) ||
            (part === 'urbain' && !rural[i]) ||
            (part === 'frr' && frr[i]) ||
            (part === 'hors_frr' && !frr[i]) ||
            (part === 'zrr' && zrr[i]) ||
            (part === 'hors_zrr' && !zrr[i])
          )
            v += pop;
          if (part === 'qpv' || part === 'hors_qpv') k += pieces[i * Y + y] ?? 0;
        }
        s.values.push(v);
        s.synthetic.push(k > 0);
      });
      periods(a.level, a.code, part, s, out);
    }

  // Communes: the whole, and the QPV / hors-QPV split in the years it has QPV in force.
  communes.forEach((c, i) => {
    for (const part of publishedParts('commune', true)) {
      const s: Series = { values: [], synthetic: [] };
      YEARS.forEach((_, y) => {
        const has = (pieces[i * Y + y] ?? 0) > 0;
        const v =
          part === 'tous'
            ? c.population
            : !has
              ? NaN
              : part === 'qpv'
                ? (inQpv[i * Y + y] ?? 0)
                : hors(i, y);
        s.values.push(v);
        s.synthetic.push(part !== 'tous');
      });
      periods('commune', c.code, part, s, out);
    }
  });

  // QPV: their whole, in the years they are in force.
  for (const q of model.qpv) {
    const s: Series = {
      values: YEARS.map((y) => (inForce(q, y) ? q.population : NaN)),
      synthetic: YEARS.map(() => true),
    };
    periods('qpv', q.code, 'tous', s, out);
  }
  return out;
}

/** `populationRows` as rows of the contract's columns, in order (also used by the fixtures). */
export function populationCells(model: TerritoryModel): Cell[][] {
  return populationRows(model).map((r) => {
    const byName: Record<string, Cell> = {
      level: r.level,
      code: r.code,
      part: r.part,
      year_from: r.yearFrom,
      year_to: r.yearTo,
      population: r.population,
      synthetic: r.synthetic,
    };
    return TABLES.populations.columns.map((c) => byName[c.name] ?? null);
  });
}

export async function buildPopulations(ctx: BuildContext): Promise<TableManifest> {
  const spec = TABLES.populations;
  await createContractTable(ctx.conn, spec, populationCells(ctx.model));
  const file = path.join(ctx.opts.outDir, 'populations.parquet');
  const { rows: n, bytes } = await writeParquet(ctx.conn, spec, file);
  return {
    name: 'populations',
    file: 'populations.parquet',
    rows: n,
    bytes,
    synthetic: false,
    provenance:
      'Populations municipales du Code officiel géographique 2026 (Insee, via @etalab/decoupage-administratif), une seule valeur pour toute la période, regroupées par partie de territoire : communes rurales ou urbaines selon la grille communale de densité de l’Insee, FRR selon le classement du 10 juillet 2025, ZRR selon le classement 2017–2024 (parties publiées de 2017 à 2024 seulement). Les parties QPV et hors QPV suivent la liste en vigueur chaque année (2015 jusqu’en 2023 en métropole et jusqu’en 2024 outre-mer, puis 2024) et reposent sur les populations ESTIMÉES des QPV (synthetic = vrai), tout comme le niveau QPV ; ailleurs les valeurs sont réelles.',
  };
}
