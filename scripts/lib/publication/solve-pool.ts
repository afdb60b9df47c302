/**
 * Solves the publication's suppression problems (engine + exact audit) on worker threads: the
 * problems of a table (a year, and for non-recours a benefit) are independent, and one thread
 * left a core idle on CI's two. `solve` answers each problem with a promise, so the caller reads
 * the results in its own order whatever worker ends first: the published files do not depend on
 * the number of threads. `threads` 0 solves in the calling thread (same functions, same result).
 *
 * Workers are TypeScript run through tsx's API (a devDependency, as for every script), so the
 * pool works alike under `tsx` and under vitest.
 */
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { auditLinear } from './audit';
import { suppress } from './engine';
import type { SuppressionProblem } from './problem';

/** A year's structure as sent to a worker: the relations flattened into typed arrays. */
export interface WireStructure {
  readonly size: number;
  readonly published: Uint8Array;
  readonly rank: Uint8Array;
  readonly totals: Int32Array;
  /** Relation r's parts are `parts[offsets[r] … offsets[r + 1]]`. */
  readonly offsets: Int32Array;
  readonly parts: Int32Array;
}

export interface SolveRequest {
  readonly id: number;
  readonly structureId: number;
  /** Sent with the first problem of a structure a worker gets. */
  readonly structure?: WireStructure;
  readonly value: Float64Array;
  readonly primary: Uint8Array;
}

export type SolveReply =
  | { readonly id: number; readonly hidden: Uint8Array; readonly disclosed: number }
  | { readonly id: number; readonly error: string };

export interface SolveOutcome {
  /** 1 for a published cell that is hidden (primary or secondary). */
  readonly hidden: Uint8Array;
  /** Sensitive cells the exact audit recomputes (0, or the publication fails). */
  readonly disclosed: number;
}

/** Structures a worker keeps, newest first (the publication has two years in flight at most). */
export const KEPT_STRUCTURES = 3;

type Structure = Omit<SuppressionProblem, 'value' | 'primary'>;

interface Slot {
  readonly worker: Worker;
  readonly known: Set<number>;
  /** 1 while the worker solves a problem. */
  busy: number;
}

interface Queued {
  readonly id: number;
  readonly sid: number;
  readonly structure: Structure;
  readonly value: Float64Array;
  readonly primary: Uint8Array;
  readonly resolve: (o: SolveOutcome) => void;
  readonly reject: (e: Error) => void;
}

interface Pending {
  readonly resolve: (o: SolveOutcome) => void;
  readonly reject: (e: Error) => void;
  readonly slot: Slot;
}

/** Threads by default: one per core, at most 4 (CI has 2). `OBSERVATOIRE_SOLVE_THREADS` overrides. */
export function defaultSolveThreads(): number {
  const env = process.env.OBSERVATOIRE_SOLVE_THREADS;
  if (env !== undefined && env !== '') {
    const n = Number(env);
    if (!Number.isInteger(n) || n < 0)
      throw new Error(`OBSERVATOIRE_SOLVE_THREADS=${env} : entier positif ou nul attendu.`);
    return n;
  }
  return Math.min(4, os.availableParallelism());
}

function wire(s: Structure): WireStructure {
  const totals = new Int32Array(s.relations.length);
  const offsets = new Int32Array(s.relations.length + 1);
  let n = 0;
  s.relations.forEach((r, i) => {
    totals[i] = r.total;
    offsets[i] = n;
    n += r.parts.length;
  });
  offsets[s.relations.length] = n;
  const parts = new Int32Array(n);
  s.relations.forEach((r, i) => parts.set(r.parts, offsets[i]));
  return { size: s.size, published: s.published, rank: s.rank, totals, offsets, parts };
}

export class SolvePool {
  private readonly slots: Slot[] = [];
  private readonly pending = new Map<number, Pending>();
  private readonly queue: Queued[] = [];
  private readonly structureIds = new WeakMap<Structure, number>();
  private readonly wired = new WeakMap<Structure, WireStructure>();
  private nextId = 0;
  private nextStructure = 0;
  private failure: Error | null = null;
  private closed = false;

  /**
   * `threads` workers (0: none); problems of fewer than `minSize` variables are solved in the
   * calling thread (a small build, e.g. a few départements, would spend more on starting workers
   * than on its problems). Workers start at the first problem they get.
   */
  constructor(
    readonly threads: number = defaultSolveThreads(),
    readonly minSize = 5000,
  ) {}

  private start(): void {
    const target = new URL('./solve-worker.ts', import.meta.url).href;
    const api = import.meta.resolve('tsx/esm/api');
    const boot = `import(${JSON.stringify(api)}).then(({ tsImport }) => tsImport(${JSON.stringify(target)}, ${JSON.stringify(target)}))`;
    for (let i = 0; i < this.threads; i++) {
      const slot: Slot = { worker: new Worker(boot, { eval: true }), known: new Set(), busy: 0 };
      slot.worker.on('message', (m: SolveReply) => this.settle(m));
      slot.worker.on('error', (e) => this.fail(e));
      slot.worker.on('exit', (code) => {
        if (code !== 0)
          this.fail(new Error(`un fil de calcul du secret s’est arrêté (code ${code})`));
      });
      this.slots.push(slot);
    }
  }

  /**
   * Solves `structure` with these values and sensitive cells. Problems that share one structure
   * object (one year) share it in the workers too.
   */
  solve(structure: Structure, value: Float64Array, primary: Uint8Array): Promise<SolveOutcome> {
    if (this.closed) return Promise.reject(new Error('pool fermé'));
    if (this.threads === 0 || structure.size < this.minSize) {
      try {
        const problem: SuppressionProblem = { ...structure, value, primary };
        const result = suppress(problem);
        const audit = auditLinear(problem, result.hidden);
        return Promise.resolve({ hidden: result.hidden, disclosed: audit.disclosed.length });
      } catch (err) {
        return Promise.reject(err instanceof Error ? err : new Error(String(err)));
      }
    }
    if (this.failure) return Promise.reject(this.failure);
    if (this.slots.length === 0) this.start();
    let structureId = this.structureIds.get(structure);
    if (structureId === undefined) {
      structureId = this.nextStructure++;
      this.structureIds.set(structure, structureId);
    }
    const id = this.nextId++;
    const promise = new Promise<SolveOutcome>((resolve, reject) => {
      this.queue.push({ id, sid: structureId, structure, value, primary, resolve, reject });
    });
    // A caller that stops early (an error on its side) must not leave an unhandled rejection.
    promise.catch(() => undefined);
    this.pump();
    return promise;
  }

  /** Gives queued problems to idle workers, in order: a worker takes one problem at a time. */
  private pump(): void {
    for (const slot of this.slots) {
      if (slot.busy || this.queue.length === 0) continue;
      const task = this.queue.shift() as Queued;
      const request: SolveRequest = {
        id: task.id,
        structureId: task.sid,
        structure: slot.known.has(task.sid) ? undefined : this.wire(task.structure),
        value: task.value,
        primary: task.primary,
      };
      // The worker keeps its newest KEPT_STRUCTURES structures: the same ones are known here.
      slot.known.delete(task.sid);
      slot.known.add(task.sid);
      for (const sid of slot.known) if (slot.known.size > KEPT_STRUCTURES) slot.known.delete(sid);
      slot.busy = 1;
      this.pending.set(task.id, { resolve: task.resolve, reject: task.reject, slot });
      slot.worker.postMessage(request);
    }
  }

  private wire(structure: Structure): WireStructure {
    let w = this.wired.get(structure);
    if (!w) {
      w = wire(structure);
      this.wired.set(structure, w);
    }
    return w;
  }

  private settle(m: SolveReply): void {
    const p = this.pending.get(m.id);
    if (!p) return;
    this.pending.delete(m.id);
    p.slot.busy = 0;
    if ('error' in m) p.reject(new Error(`calcul du secret (fil de calcul) : ${m.error}`));
    else p.resolve({ hidden: m.hidden, disclosed: m.disclosed });
    this.pump();
  }

  private fail(e: Error): void {
    this.failure ??= e;
    for (const p of [...this.pending.values(), ...this.queue.splice(0)]) p.reject(e);
    this.pending.clear();
  }

  async close(): Promise<void> {
    this.closed = true;
    const slots = this.slots.splice(0);
    for (const s of slots) s.worker.removeAllListeners('exit');
    await Promise.all(slots.map((s) => s.worker.terminate()));
    this.fail(new Error('pool fermé'));
  }
}
