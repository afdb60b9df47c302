/**
 * Benchmark of the suppression engine on synthetic national problems (synthetic.ts): the size
 * of each problem, the time of each step, the share of secondary cells, and a final exact audit.
 * The national publication is 90 non-recours problems (9 benefits × 10 years) and 10 claims
 * problems on one geography: `npx tsx scripts/lib/publication/bench.ts 90 10` runs that set;
 * the defaults run a sample. Arguments: non-recours problems, claims problems, scale, and
 * `cold` to build the shared structure again for every problem.
 */
import { auditLinear } from './audit';
import { suppress } from './engine';
import { syntheticProblem, type SyntheticOptions } from './synthetic';

const counts = { non_recours: Number(process.argv[2] ?? 6), cases: Number(process.argv[3] ?? 3) };
const scale = Number(process.argv[4] ?? 1);
/** `cold`: every problem gets its own relations array, so nothing is shared between them. */
const cold = process.argv.includes('cold');
const rows: Record<string, string | number>[] = [];
let total = 0;
for (const kind of ['non_recours', 'cases'] as const) {
  for (let variant = 0; variant < counts[kind]; variant++) {
    const opts: SyntheticOptions = { seed: 1, kind, scale, variant };
    const generated = syntheticProblem(opts);
    const problem = cold ? { ...generated, relations: [...generated.relations] } : generated;
    const cpu = process.cpuUsage();
    const start = performance.now();
    const result = suppress(problem);
    const wall = performance.now() - start;
    const used = process.cpuUsage(cpu);
    total += wall;
    const audit = auditLinear(problem, result.hidden, { seed: 12345 });
    const hiddenDetermined = [...audit.determined].filter((v) => problem.published[v]);
    if (audit.disclosed.length + audit.exposed.length + hiddenDetermined.length > 0) {
      throw new Error(`${kind} ${variant}: the exact audit finds a disclosure`);
    }
    const published = problem.published.reduce((s, x) => s + x, 0);
    const hidden = result.primaryCount + result.secondaryCount;
    rows.push({
      kind,
      variant,
      variables: problem.size,
      relations: problem.relations.length,
      primary: problem.primary.reduce((s, x) => s + x, 0),
      hidden,
      secondary: result.secondaryCount,
      'secondary %': ((100 * result.secondaryCount) / published).toFixed(1),
      rounds: result.rounds,
      'wall ms': wall.toFixed(0),
      'cpu ms': ((used.user + used.system) / 1000).toFixed(0),
      ...Object.fromEntries(
        Object.entries(result.timings).map(([k, v]) => [`${k} ms`, v.toFixed(0)]),
      ),
    });
  }
}
console.table(rows);
for (const kind of ['non_recours', 'cases']) {
  const mine = rows.filter((r) => r.kind === kind);
  if (mine.length === 0) continue;
  const at = (key: string, q: number): number => {
    const sorted = mine.map((r) => Number(r[key])).sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number;
  };
  console.log(
    `${kind}: ${mine.length} problems, suppress wall ms median ${at('wall ms', 0.5)}, ` +
      `p90 ${at('wall ms', 0.9)}, max ${at('wall ms', 1)}; secondary cells median ` +
      `${at('secondary %', 0.5)} % of published; rounds median ${at('rounds', 0.5)}, max ${at('rounds', 1)}`,
  );
}
console.log(`total suppress time ${(total / 1000).toFixed(2)} s for ${rows.length} problems`);
