/**
 * Worker thread of the solve pool (solve-pool.ts): runs the engine and the exact audit on the
 * problems the publication step sends, one at a time. A year's structure (relations, published,
 * tiers) arrives once and is kept, so every benefit of that year shares one set of relations and
 * the engine builds its identity classes once, as it does in a single thread.
 */
import { parentPort } from 'node:worker_threads';
import { auditLinear } from './audit';
import { suppress } from './engine';
import type { Relation, SuppressionProblem } from './problem';
import {
  KEPT_STRUCTURES,
  type SolveRequest,
  type SolveReply,
  type WireStructure,
} from './solve-pool';

/** Structures received, newest last; the pool mirrors which ones are kept. */
const structures = new Map<number, Omit<SuppressionProblem, 'value' | 'primary'>>();

function unwire(s: WireStructure): Omit<SuppressionProblem, 'value' | 'primary'> {
  const relations: Relation[] = new Array<Relation>(s.totals.length);
  for (let r = 0; r < s.totals.length; r++)
    relations[r] = {
      total: s.totals[r] as number,
      parts: Array.from(s.parts.subarray(s.offsets[r], s.offsets[r + 1])),
    };
  return { size: s.size, published: s.published, rank: s.rank, relations };
}

const port = parentPort;
if (!port) throw new Error('solve-worker.ts runs only as a worker thread (solve-pool.ts).');
port.on('message', (m: SolveRequest) => {
  let reply: SolveReply;
  try {
    if (m.structure) {
      structures.set(m.structureId, unwire(m.structure));
    }
    // Used again: newest (the pool keeps the same order).
    const used = structures.get(m.structureId);
    if (used) {
      structures.delete(m.structureId);
      structures.set(m.structureId, used);
    }
    for (const id of structures.keys())
      if (structures.size > KEPT_STRUCTURES) structures.delete(id);
    const structure = structures.get(m.structureId);
    if (!structure) throw new Error(`structure ${m.structureId} never received by this worker`);
    const problem: SuppressionProblem = { ...structure, value: m.value, primary: m.primary };
    const result = suppress(problem);
    const audit = auditLinear(problem, result.hidden);
    reply = { id: m.id, hidden: result.hidden, disclosed: audit.disclosed.length };
  } catch (err) {
    reply = { id: m.id, error: err instanceof Error ? (err.stack ?? err.message) : String(err) };
  }
  port.postMessage(reply, 'hidden' in reply ? [reply.hidden.buffer as ArrayBuffer] : []);
});
