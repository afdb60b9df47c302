/**
 * The bad-URL corpus of issue 17 (data/fixtures/bad/urls/cases.json): every case parses without
 * throwing into a canonical state, with the expected French notice, and no control character
 * reaches the state.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fitsInUrl, parseState, serialiseState } from './url';

const DIR = path.resolve(import.meta.dirname, '../../data/fixtures/bad/urls');

interface BadCase {
  readonly input: string;
  readonly expected: string;
  readonly why: string;
}

const cases = JSON.parse(fs.readFileSync(path.join(DIR, 'cases.json'), 'utf8')) as BadCase[];

/** A case's URL query: the text itself, or the content of the file it names. */
function caseQuery(c: BadCase): string {
  return c.input.startsWith('?')
    ? c.input
    : fs.readFileSync(path.join(DIR, c.input), 'utf8').trim();
}

describe('bad URL corpus', () => {
  it('has cases, each with a French message and a reason', () => {
    expect(cases.length).toBeGreaterThan(20);
    for (const c of cases) {
      expect(c.expected.trim()).not.toBe('');
      expect(c.why.trim()).not.toBe('');
    }
  });

  it.each(cases.map((c) => [c.input.slice(0, 60), c] as const))('%s', (_, c) => {
    const { state, notices } = parseState(caseQuery(c));
    expect(notices.join('\n')).toContain(c.expected);
    const search = serialiseState(state);
    expect(fitsInUrl(search)).toBe(true);
    expect(parseState(search)).toEqual({ state, notices: [] });
    const strings: string[] = [];
    JSON.stringify(state, (_, v: unknown) => {
      if (typeof v === 'string') strings.push(v);
      return v;
    });
    for (const s of strings) expect(s).not.toMatch(/\p{Cc}/u);
  });
});
