/**
 * The fast path of the Sites view gives exactly the rows of the standalone SQL, over
 * data/fixtures, for every indicator: `indicatorGroupSeriesPlan(…).run` (hidden member cells read
 * from temp tables) against `indicatorGroupSeries` (the export's SQL, everything inline). The
 * standalone rows, and the maps' suppression, are also pinned to golden files written by the code
 * before the fast path existed (commit "Sites: group series read shared hidden-cell masks …"), so
 * a change of the shared suppression code cannot move a figure unnoticed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { createNodeConnector, loadDatasetFromDir } from '../db/node';
import type { Connector } from '../db/connector';
import { createPlanRunner, type PlanRunner } from '../db/temp-relations';
import { lockEngine } from '../db/load-tables';
import { INDICATORS } from '../catalogue/indicators';
import { TERRITORY_LEVELS } from '../catalogue/schema';
import {
  NO_FILTERS,
  indicatorByTerritory,
  indicatorGroupSeries,
  indicatorGroupSeriesPlan,
  type Filters,
  type TerritoryGroup,
} from './index';
import { levelMaskSql } from './level-mask';

const FIXTURES = path.resolve(__dirname, '../../data/fixtures');
let db: Connector;
let runner: PlanRunner;
let statements: string[] = [];
beforeAll(async () => {
  db = await createNodeConnector();
  await loadDatasetFromDir(db, FIXTURES);
  runner = createPlanRunner((sql) => {
    statements.push(sql);
    return db.query(sql);
  });
});
afterAll(() => db.close());

type Row = Record<string, unknown>;
async function rows(sql: string): Promise<Row[]> {
  return (await db.query(sql)).toArray().map((r: { toJSON(): Row }) => r.toJSON());
}

/** The fixture sites (as the Sites view builds them) and custom groups at every level. */
const GROUPS: readonly TerritoryGroup[] = [
  {
    id: 'plaine_commune',
    name: 'Plaine Commune',
    members: [
      { level: 'commune', code: '93001' },
      { level: 'commune', code: '93066' },
    ],
  },
  {
    id: 'lens_lievin',
    name: 'Lens-Liévin',
    members: [
      { level: 'commune', code: '62498' },
      { level: 'commune', code: '62510' },
    ],
  },
  { id: 'ouest_provence', name: 'Ouest Provence', members: [{ level: 'commune', code: '94046' }] },
  { id: 'vaulx_en_velin', name: 'Vaulx-en-Velin', members: [{ level: 'commune', code: '94081' }] },
  {
    id: 'groupe-1',
    name: "L'Haÿ «deux»; --",
    members: [
      { level: 'commune', code: '94038' },
      { level: 'commune', code: '94081' },
    ],
  },
  {
    id: 'groupe-5',
    name: 'Mixte',
    members: [
      { level: 'commune', code: '94038' },
      { level: 'qpv', code: 'QPDEMO0001' },
    ],
  },
  {
    id: 'groupe-2',
    name: 'Niveaux',
    members: [
      { level: 'departement', code: '93' },
      { level: 'epci', code: '200054781' },
      { level: 'region', code: '32' },
      { level: 'commune', code: '93066' },
    ],
  },
  { id: 'groupe-3', name: 'France', members: [{ level: 'france', code: 'FR' }] },
  { id: 'groupe-4', name: 'Absent', members: [{ level: 'commune', code: '00000' }] },
];

const F = (patch: Partial<Filters>): Filters => ({ ...NO_FILTERS, ...patch });
/** Filters and spans: every part is computed in every query, so three cover the rule's paths. */
const CASES: readonly (readonly [Filters, { from: number; to: number }])[] = [
  [F({}), { from: 2015, to: 2024 }],
  [F({ territoryType: 'hors_qpv' }), { from: 2024, to: 2024 }],
  [F({ criterion: 'origine', benefit: 'rsa', territoryType: 'rural' }), { from: 2019, to: 2021 }],
];

/** One line per row, under a heading per query (plain text: no formatter rewrites it). */
const lines = (golden: Record<string, readonly string[]>): string =>
  Object.entries(golden)
    .map(([k, rs]) => [`# ${k}`, ...rs].join('\n'))
    .join('\n') + '\n';
const rowLine = (r: Row): string =>
  ['code', 'year', 'suppressed', 'numerator', 'denominator', 'value', 'low', 'high', 'population']
    .map((c) => String(r[c]))
    .join(' ');

const label = (f: Filters, s: { from: number; to: number }): string =>
  `${Object.values(f).join('/')} ${s.from}-${s.to}`;

describe('indicatorGroupSeriesPlan', () => {
  it.each(INDICATORS.map((i) => [i.id, i] as const))(
    '%s: the plan gives the standalone rows, which match the golden file',
    async (_id, ind) => {
      const golden: Record<string, string[]> = {};
      for (const [f, span] of CASES) {
        const plan = indicatorGroupSeriesPlan(ind, GROUPS, f, span);
        expect(plan.sql).toBe(indicatorGroupSeries(ind, GROUPS, f, span));
        const standalone = await rows(plan.sql);
        const fast = (await runner.run(plan, 0))
          .toArray()
          .map((r: { toJSON(): Row }) => r.toJSON());
        expect(fast, label(f, span)).toEqual(standalone);
        golden[label(f, span)] = standalone.map(rowLine);
      }
      await expect(lines(golden)).toMatchFileSnapshot(`__golden__/group-series.${ind.id}.txt`);
    },
  );

  it('exercises the rule: some group hidden because exactly one member is', async () => {
    const ind = INDICATORS.find((i) => i.id === 'reclamations');
    if (!ind) throw new Error('reclamations');
    const span = { from: 2024, to: 2024 };
    const r = (await runner.run(indicatorGroupSeriesPlan(ind, GROUPS, NO_FILTERS, span), 0))
      .toArray()
      .map((x: { toJSON(): Row }) => x.toJSON());
    expect(r.find((x) => x.code === 'groupe-1')).toMatchObject({ suppressed: true });
  });

  it('shares one temp table between indicators of a table, and makes it once', async () => {
    const [count, rate] = ['reclamations', 'reclamations_taux'].map((id) => {
      const i = INDICATORS.find((x) => x.id === id);
      if (!i) throw new Error(id);
      return indicatorGroupSeriesPlan(i, GROUPS, NO_FILTERS, { from: 2016, to: 2017 });
    });
    expect(count?.temps.map((t) => t.name)).toEqual(rate?.temps.map((t) => t.name));
    expect(count?.temps.length).toBe(TERRITORY_LEVELS.length);
    statements = [];
    if (!count || !rate) throw new Error('plans');
    await runner.run(count, 0);
    await runner.run(rate, 0);
    expect(statements.filter((s) => s.startsWith('CREATE')).length).toBe(count.temps.length);
    // A new data version makes them again (the user's own file changes every mask).
    statements = [];
    await runner.run(rate, 1);
    expect(statements.filter((s) => s.startsWith('CREATE')).length).toBe(count.temps.length);
  });

  it('needs no temp table where nothing is hidden (services) or nothing is asked', () => {
    const services = INDICATORS.find((i) => i.table === 'services');
    if (!services) throw new Error('services');
    const p = indicatorGroupSeriesPlan(services, GROUPS, NO_FILTERS);
    expect(p.temps).toEqual([]);
    expect(p.run).toBe(p.sql);
    expect(indicatorGroupSeriesPlan(INDICATORS[0] ?? services, [], NO_FILTERS).temps).toEqual([]);
  });

  it('refuses two definitions under one temp name instead of reading the wrong mask', async () => {
    const ind = INDICATORS[0];
    if (!ind) throw new Error('indicator');
    const name = 'obs_tmp_clash';
    const plan = (sql: string) => ({ sql: 'SELECT 1', temps: [{ name, sql }], run: 'SELECT 1' });
    await runner.run(plan(levelMaskSql(ind, 'region', { from: 2024, to: 2024 }, NO_FILTERS)), 0);
    await expect(
      runner.run(plan(levelMaskSql(ind, 'region', { from: 2023, to: 2023 }, NO_FILTERS)), 0),
    ).rejects.toThrow(/deux définitions/);
  });
});

describe('temp tables on the app engine', () => {
  it('are made once the engine is locked (no file access, configuration frozen)', async () => {
    const locked = await createNodeConnector();
    try {
      await loadDatasetFromDir(locked, FIXTURES);
      await lockEngine(locked);
      const ind = INDICATORS.find((i) => i.id === 'non_recours_taux');
      if (!ind) throw new Error('non_recours_taux');
      const plan = indicatorGroupSeriesPlan(ind, GROUPS, NO_FILTERS, { from: 2024, to: 2024 });
      const fast = await createPlanRunner((sql) => locked.query(sql)).run(plan, 0);
      expect(fast.toArray().map((r: { toJSON(): Row }) => r.toJSON())).toEqual(
        await rows(plan.sql),
      );
    } finally {
      await locked.close();
    }
  });
});

describe('maps over data/fixtures', () => {
  it.each(INDICATORS.map((i) => [i.id, i] as const))(
    '%s: suppression and figures match the golden file',
    async (_id, ind) => {
      const golden: Record<string, string[]> = {};
      for (const level of TERRITORY_LEVELS) {
        for (const year of [2015, 2024]) {
          for (const type of ['tous', 'qpv', 'rural'] as const) {
            const rs = await rows(
              indicatorByTerritory(ind, level, year, F({ territoryType: type })),
            );
            golden[`${level} ${year} ${type}`] = rs.map(
              (r) =>
                `${String(r.code)} ${String(r.suppressed)} ${String(r.numerator)} ${String(r.value)}`,
            );
          }
        }
      }
      await expect(lines(golden)).toMatchFileSnapshot(`__golden__/maps.${ind.id}.txt`);
    },
  );
});
