/**
 * Runs query plans (src/query/plan.ts): creates the temp tables a plan reads, once per data
 * version, then runs it. Temp tables hold derived relations only (hidden-cell masks), in the
 * connection's temp schema, and go with the engine.
 */
import type { Table } from 'apache-arrow';
import type { QueryPlan, TempRelation } from '../query/plan';
import { dataVersion, runQuery } from './engine';

const quoteIdent = (name: string): string => `"${name.replaceAll('"', '""')}"`;

/** Runs one statement (a query or `CREATE … AS`) on the engine. */
export type Execute = (sql: string) => Promise<Table>;

export interface PlanRunner {
  /**
   * Creates the plan's missing temp tables, one statement at a time (other queries interleave),
   * then runs it.
   */
  run(plan: QueryPlan, version: number): Promise<Table>;
}

interface Made {
  readonly sql: string;
  readonly version: number;
  readonly ready: Promise<unknown>;
}

/**
 * A runner over one engine. A temp table is created once per data version (a new version
 * replaces it: the user's own file changes every mask); a failed creation is retried by the next
 * plan that needs it. Two different SQL texts under one name (a hash collision) are refused, so a
 * plan never reads a relation that is not its own. If the run fails (the engine was restarted
 * and lost its temp tables), the plan's tables are made again and the run retried once.
 */
export function createPlanRunner(execute: Execute): PlanRunner {
  const made = new Map<string, Made>();
  const ensure = (t: TempRelation, version: number): Promise<unknown> => {
    const hit = made.get(t.name);
    if (hit && hit.sql !== t.sql) {
      return Promise.reject(new Error(`Relation temporaire ${t.name} : deux définitions`));
    }
    if (hit && hit.version === version) return hit.ready;
    const ready = (hit?.ready ?? Promise.resolve())
      .catch(() => undefined)
      .then(() => execute(`CREATE OR REPLACE TEMP TABLE ${quoteIdent(t.name)} AS ${t.sql}`));
    const entry: Made = { sql: t.sql, version, ready };
    made.set(t.name, entry);
    ready.catch(() => {
      if (made.get(t.name) === entry) made.delete(t.name);
    });
    return ready;
  };
  const attempt = async (plan: QueryPlan, version: number): Promise<Table> => {
    for (const t of plan.temps) await ensure(t, version);
    return execute(plan.run);
  };
  return {
    async run(plan, version) {
      try {
        return await attempt(plan, version);
      } catch (e) {
        if (plan.temps.length === 0) throw e;
        for (const t of plan.temps) {
          if (made.get(t.name)?.sql === t.sql) made.delete(t.name);
        }
        return attempt(plan, version);
      }
    },
  };
}

let appRunner: PlanRunner | null = null;

/** Runs a query plan on the app's engine (see `runQuery`), temp tables made once per data version. */
export function runPlan(plan: QueryPlan): Promise<Table> {
  appRunner ??= createPlanRunner(runQuery);
  return appRunner.run(plan, dataVersion);
}
