/**
 * Property test of the confidentiality rule over random fact tables (fast-check): random counts
 * 0–30 (small ones favoured) over the fixture communes, QPVs and three criteria are loaded as
 * `cases`, then every builder's output is checked:
 * - no shown count with 0 < n < 5, and no value or interval without its count;
 * - for every group whose total is shown (a parent territory's figure at its own level, the
 *   commune total for its QPV/hors-QPV or rural/urbain parts, a territory for its breakdown),
 *   never exactly one hidden cell — so no hidden cell can be recomputed by difference;
 * - a group of territories is hidden when exactly one of its members is, and the Sites view's
 *   fast path (indicatorGroupSeriesPlan) gives the same row as the standalone SQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import path from 'node:path';
import { createNodeConnector, loadDatasetFromDir } from '../db/node';
import type { Connector } from '../db/connector';
import { createPlanRunner, type PlanRunner } from '../db/temp-relations';
import { CASES, columnsDdl, type TerritoryLevel } from '../catalogue/schema';
import { findIndicator } from '../catalogue/indicators';
import type { TerritoryType } from '../state/app-state';
import {
  NO_FILTERS,
  indicatorBreakdown,
  indicatorByTerritory,
  indicatorGroupSeries,
  indicatorGroupSeriesPlan,
  sqlNumber,
  sqlString,
} from './index';

const FIXTURES = path.resolve(__dirname, '../../data/fixtures');
const IND = findIndicator('reclamations_taux');
if (!IND) throw new Error('reclamations_taux');
const YEAR = 2024;
const CRITERIA = ['origine', 'handicap', 'sexe'] as const;

type Row = Record<string, unknown>;
interface Territory {
  level: TerritoryLevel;
  code: string;
  region_code: string | null;
  departement_code: string | null;
  epci_code: string | null;
  commune_code: string | null;
}

let db: Connector;
let runner: PlanRunner;
let version = 0;
let territories: Territory[];
let places: { commune: string; qpv: string | null }[];

async function rows(sql: string): Promise<Row[]> {
  return (await db.query(sql)).toArray().map((r: { toJSON(): Row }) => r.toJSON());
}

beforeAll(async () => {
  db = await createNodeConnector();
  await loadDatasetFromDir(db, FIXTURES);
  runner = createPlanRunner((sql) => db.query(sql));
  territories = (await rows(
    'SELECT level, code, region_code, departement_code, epci_code, commune_code FROM territories',
  )) as unknown as Territory[];
  places = [
    ...territories
      .filter((t) => t.level === 'commune')
      .map((t) => ({ commune: t.code, qpv: null })),
    ...territories
      .filter((t) => t.level === 'qpv')
      .map((t) => ({ commune: String(t.commune_code), qpv: t.code })),
  ];
});
afterAll(() => db.close());

interface FactCell {
  place: number;
  criterion: number;
  count: number;
}

async function loadCases(cells: readonly FactCell[]): Promise<void> {
  const values = cells.map((c) => {
    const p = places[c.place % places.length];
    if (!p) throw new Error('place');
    return `(${YEAR}, 1, ${sqlString(p.commune)}, ${p.qpv === null ? 'NULL' : sqlString(p.qpv)}, ${sqlString(CRITERIA[c.criterion] ?? 'autre')}, 'emploi_prive', 'delegues', ${sqlNumber(c.count)})`;
  });
  await db.exec(
    `CREATE OR REPLACE TABLE cases (${columnsDdl(CASES)});` +
      (values.length > 0 ? `INSERT INTO cases VALUES ${values.join(', ')};` : ''),
  );
}

/** Parent code of a territory at a coarser level, from the reference. */
function parentOf(t: Territory, level: TerritoryLevel): string | null {
  if (level === 'france') return 'FR';
  if (level === 'commune') return t.commune_code;
  return t[`${level}_code` as 'region_code' | 'departement_code' | 'epci_code'];
}

function checkCells(rs: readonly Row[], where: string): void {
  for (const r of rs) {
    const n = r.numerator;
    const ctx = `${where} ${String(r.code)} ${String(r.key)}`;
    if (r.suppressed === true) {
      expect([r.numerator, r.value, r.low, r.high], ctx).toEqual([null, null, null, null]);
    } else {
      expect(typeof n, ctx).toBe('number');
      expect(n === 0 || (n as number) >= 5, `${ctx}: ${String(n)}`).toBe(true);
      if (r.value !== null) expect(r.numerator, ctx).not.toBeNull();
    }
  }
}

/** Levels whose totals are sums of the cells of `child` (EPCIs may straddle départements). */
const PARENTS: Readonly<Record<TerritoryLevel, readonly TerritoryLevel[]>> = {
  france: [],
  region: ['france'],
  departement: ['region', 'france'],
  epci: ['region', 'france'],
  commune: ['epci', 'departement', 'region', 'france'],
  qpv: ['commune', 'epci', 'departement', 'region', 'france'],
};

const cellArb = fc.record({
  place: fc.nat({ max: 99 }),
  criterion: fc.nat({ max: CRITERIA.length - 1 }),
  count: fc.oneof(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 30 })),
});
const factsArb = fc.uniqueArray(cellArb, {
  minLength: 0,
  maxLength: 30,
  selector: (c) => `${c.place % 15}/${c.criterion}`,
});
const typeArb = fc.constantFrom<TerritoryType>('tous', 'qpv', 'hors_qpv', 'rural', 'urbain');
const COMPLEMENT: Readonly<Record<TerritoryType, TerritoryType>> = {
  tous: 'tous',
  qpv: 'hors_qpv',
  hors_qpv: 'qpv',
  rural: 'urbain',
  urbain: 'rural',
};

describe('confidentiality over random fact tables', () => {
  it('never shows a small count nor a cell recomputable from a shown total', async () => {
    const ind = IND;
    await fc.assert(
      fc.asyncProperty(
        factsArb,
        typeArb,
        fc.nat({ max: 10 }),
        fc.nat({ max: 10 }),
        async (cells, type, pick, pick2) => {
          await loadCases(cells);
          const filters = { ...NO_FILTERS, territoryType: type };
          const levels: TerritoryLevel[] = [
            'france',
            'region',
            'departement',
            'epci',
            'commune',
            'qpv',
          ];
          // QPV cells add up to their parents' QPV part: check them when that part is the one shown.
          const out = new Map<TerritoryLevel, Map<string, Row>>();
          for (const level of levels) {
            const rs = await rows(indicatorByTerritory(ind, level, YEAR, filters));
            checkCells(rs, `${type} ${level}`);
            out.set(level, new Map(rs.map((r) => [String(r.code), r])));
          }
          for (const child of levels) {
            if (child === 'qpv' && type !== 'qpv') continue;
            for (const parentLevel of PARENTS[child]) {
              const hidden = new Map<string, number>();
              const populated = new Map<string, number>();
              for (const t of territories.filter((x) => x.level === child)) {
                const p = parentOf(t, parentLevel);
                const cell = out.get(child)?.get(t.code);
                if (p === null || !cell) continue;
                if (Number(cell.population) > 0) populated.set(p, (populated.get(p) ?? 0) + 1);
                if (cell.suppressed === true) hidden.set(p, (hidden.get(p) ?? 0) + 1);
              }
              for (const [p, n] of hidden) {
                // Documented limit: a parent with a single populated child shows the same figure
                // as that child; levels are protected one at a time (data/README.suppression.md).
                if ((populated.get(p) ?? 0) < 2) continue;
                const parentShown = out.get(parentLevel)?.get(p)?.suppressed === false;
                expect(
                  parentShown && n === 1,
                  `${type}: one hidden ${child} in shown ${parentLevel} ${p}`,
                ).toBe(false);
              }
            }
          }
          // A commune's total and its two parts (QPV + hors QPV, or rural + urbain): never exactly
          // one of the three hidden, whichever filter's map shows them.
          if (type !== 'tous') {
            const other = new Map(
              (
                await rows(
                  indicatorByTerritory(ind, 'commune', YEAR, {
                    ...filters,
                    territoryType: COMPLEMENT[type],
                  }),
                )
              ).map((r) => [String(r.code), r]),
            );
            const total = new Map(
              (await rows(indicatorByTerritory(ind, 'commune', YEAR, NO_FILTERS))).map((r) => [
                String(r.code),
                r,
              ]),
            );
            for (const [code, r] of out.get('commune') ?? []) {
              const hidden = [r, other.get(code), total.get(code)].filter(
                (x) => x?.suppressed === true,
              ).length;
              expect(
                hidden,
                `${type}: one hidden cell among commune ${code} and its parts`,
              ).not.toBe(1);
            }
          }
          // Breakdown of one commune by criterion: the commune's figure is its total.
          const communes = territories.filter((t) => t.level === 'commune');
          const c = communes[pick % communes.length];
          if (!c) throw new Error('commune');
          const bd = await rows(
            indicatorBreakdown(ind, { level: 'commune', code: c.code }, YEAR, filters, 'criterion'),
          );
          checkCells(bd, `${type} breakdown ${c.code}`);
          if (out.get('commune')?.get(c.code)?.suppressed === false) {
            expect(bd.filter((r) => r.suppressed === true).length, `breakdown ${c.code}`).not.toBe(
              1,
            );
          }
          // A group of two communes: hidden when exactly one member is.
          const d = communes[(pick + 1 + pick2) % communes.length];
          if (!d || d.code === c.code) return;
          const group = {
            id: 'g',
            name: 'G',
            members: [
              { level: 'commune', code: c.code },
              { level: 'commune', code: d.code },
            ],
          } as const;
          const span = { from: YEAR, to: YEAR };
          const [g] = await rows(indicatorGroupSeries(ind, [group], filters, span));
          // The Sites view's fast path (masks in temp tables, remade for each random table as for
          // a new data version) gives the same row.
          version += 1;
          const fast = await runner.run(
            indicatorGroupSeriesPlan(ind, [group], filters, span),
            version,
          );
          expect(fast.toArray().map((r: { toJSON(): Row }) => r.toJSON())).toEqual(g ? [g] : []);
          checkCells(g ? [g] : [], `${type} group`);
          const membersHidden = [c, d].filter(
            (m) => out.get('commune')?.get(m.code)?.suppressed === true,
          ).length;
          if (membersHidden === 1) expect(g?.suppressed, `group ${c.code}+${d.code}`).toBe(true);
        },
      ),
      { numRuns: 30, seed: Number(process.env.FC_SEED ?? 20260101), endOnFailure: true },
    );
  });
});
