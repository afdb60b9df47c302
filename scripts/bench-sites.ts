/**
 * `npx tsx scripts/bench-sites.ts [data dir]`: time of the Sites view's group series in
 * DuckDB-WASM (Node build) over data/ (npm run data), per indicator, wall and CPU time (CPU time
 * is the process's: it stays meaningful when other processes share the machine).
 *
 * `indicatorGroupSeries` over the published cells, as the view runs it, for the four
 * experimental sites: the whole period, again (DuckDB's own caches warm), another territory type,
 * another reference year; then the view's other queries (France and comparable-territory series,
 * EPCI funnels), for scale.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createNodeConnector, loadDatasetFromDir } from '../src/db/node';
import { INDICATORS, SITES, LAST_YEAR, FIRST_YEAR } from '../src/catalogue';
import { funnelModel } from '../src/charts/funnel';
import {
  NO_FILTERS,
  indicatorByTerritory,
  indicatorGroupSeries,
  indicatorSeries,
} from '../src/query';
import type { Filters } from '../src/query/filters';
import { buildGroups, queryGroups, readSiteMembers, siteMembersSql } from '../src/query/sites';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DATA = path.resolve(process.argv[2] ?? path.join(ROOT, 'data'));

const cpuMs = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

async function timed(run: () => Promise<unknown>): Promise<{ wall: number; cpu: number }> {
  const w = performance.now();
  const c = cpuMs();
  await run();
  return { wall: performance.now() - w, cpu: cpuMs() - c };
}

async function engine() {
  const db = await createNodeConnector();
  await loadDatasetFromDir(db, DATA);
  // The first query of an engine pays for growing its memory: not the view's cost.
  await db.query("SELECT count(*) FROM non_recours WHERE level = 'commune' AND code = '75056'");
  return db;
}

function line(label: string, t: { wall: number; cpu: number }): string {
  return `${label.padEnd(34)} ${String(Math.round(t.wall)).padStart(7)} ms wall ${String(Math.round(t.cpu)).padStart(7)} ms CPU`;
}

async function main(): Promise<void> {
  const years = { from: FIRST_YEAR, to: LAST_YEAR };
  const first = await engine();
  const groups = queryGroups(
    buildGroups([...SITES], readSiteMembers(await first.query(siteMembersSql())), []),
  );
  console.log(`Données : ${DATA}`);
  console.log(`Groupes : ${groups.map((g) => `${g.id} (${g.members.length})`).join(', ')}`);
  console.log(`Période : ${years.from}–${years.to}\n`);

  const db = first;
  const sum = { wall: 0, cpu: 0 };
  const add = (t: { wall: number; cpu: number }): void => {
    sum.wall += t.wall;
    sum.cpu += t.cpu;
  };
  const pass = async (label: string, filters: Filters, span: typeof years): Promise<void> => {
    console.log(label);
    sum.wall = 0;
    sum.cpu = 0;
    for (const ind of INDICATORS) {
      const t = await timed(() => db.query(indicatorGroupSeries(ind, groups, filters, span)));
      add(t);
      console.log(line(`  ${ind.id}`, t));
    }
    console.log(line('  total', sum));
  };
  await pass('séries des sites (vue Sites), premier affichage', NO_FILTERS, years);
  await pass('\nmêmes requêtes', NO_FILTERS, years);
  await pass('\nfiltre « QPV »', { ...NO_FILTERS, territoryType: 'qpv' }, years);
  await pass('\nannée de référence − 1', NO_FILTERS, { from: years.from, to: years.to - 1 });
  console.log(
    '\nautres requêtes de la vue (séries France et comparables « QPV », entonnoirs EPCI)',
  );
  sum.wall = 0;
  sum.cpu = 0;
  const france = [{ level: 'france', code: 'FR' }] as const;
  for (const ind of INDICATORS) {
    const t = await timed(async () => {
      await db.query(indicatorSeries(ind, france, NO_FILTERS, years));
      await db.query(indicatorSeries(ind, france, { ...NO_FILTERS, territoryType: 'qpv' }, years));
      if (funnelModel(ind) !== null) {
        await db.query(indicatorByTerritory(ind, 'epci', years.to, NO_FILTERS));
      }
    });
    add(t);
    console.log(line(`  ${ind.id}`, t));
  }
  console.log(line('  total', sum));
  await db.close();
}

await main();
