/**
 * The bad-input corpus of own files (issue 17): every file of data/fixtures/bad/own-files/ is
 * loaded for real and must give its expected French message (a problem, or a note for a file that
 * is read after a conversion), and must leave the loaded data as they were when refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createNodeConnector, loadDatasetFromDir } from '../db/node';
import type { Connector } from '../db/connector';
import { lockEngine } from '../db/load-tables';
import { loadOwnFile, prepareOwnFile } from './load-own';

const FIXTURES = path.resolve(__dirname, '../../data/fixtures');
const CORPUS = path.join(FIXTURES, 'bad/own-files');

interface Case {
  readonly input: string;
  readonly expected: string;
  readonly why: string;
}
const cases = JSON.parse(readFileSync(path.join(CORPUS, 'cases.json'), 'utf8')) as Case[];

let db: Connector;
beforeAll(async () => {
  db = await createNodeConnector();
  await loadDatasetFromDir(db, FIXTURES);
  await lockEngine(db);
});
afterAll(() => db.close());

async function counts(): Promise<string> {
  const t = await db.query(
    "SELECT (SELECT count(*) FROM services) || '/' || (SELECT count(*) FROM cases) AS n",
  );
  return String(t.getChild('n')?.get(0));
}

describe('bad own files (data/fixtures/bad/own-files/cases.json)', () => {
  it('has cases', () => {
    expect(cases.length).toBeGreaterThan(10);
  });
  for (const c of cases) {
    it(`${c.input}: ${c.why}`, async () => {
      const bytes = new Uint8Array(readFileSync(path.join(CORPUS, c.input)));
      const before = await counts();
      const outcome = await loadOwnFile(db, await prepareOwnFile(c.input, bytes));
      const shown = outcome.ok ? outcome.notes : outcome.problems.map((p) => p.message);
      expect(shown.join('\n')).toContain(c.expected);
      if (!outcome.ok) expect(await counts()).toBe(before);
      else await loadDatasetFromDir(db, FIXTURES);
    });
  }
});
