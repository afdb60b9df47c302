/** The ZRR classification, COG 2021 codes brought to current communes. */
import fs from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { geodataDir } from '../options';
import { communeResolver } from './communes';
import { readZrr, zrrOfParts, type ZrrReference } from './zrr';
import { referencePath } from './sources';

let ref: ZrrReference;
/** 2021 code → C / NC / P, read here from the file. */
let simple: Map<string, string>;

beforeAll(() => {
  const geodata = geodataDir();
  ref = readZrr(geodata);
  simple = new Map();
  for (const line of fs.readFileSync(referencePath(geodata, 'zrr'), 'utf8').split(/\r?\n/)) {
    const m = /^"(\w{5})","[^"]*","(C|NC|P) - /.exec(line);
    if (m?.[1] && m[2]) simple.set(m[1], m[2]);
  }
});

describe('ZRR', () => {
  it('classes a commune made of several 2021 communes from all of them', () => {
    expect(zrrOfParts(['C', 'C'])).toBe('classee');
    expect(zrrOfParts(['NC', 'NC'])).toBe('non_classee');
    expect(zrrOfParts(['C', 'NC'])).toBe('partielle');
    expect(zrrOfParts(['P'])).toBe('partielle');
    const resolver = communeResolver();
    const byCurrent = new Map<string, string[]>();
    for (const [code, zrr] of simple) {
      const current = resolver.current(code);
      if (current) byCurrent.set(current, [...(byCurrent.get(current) ?? []), zrr]);
    }
    const merged = [...byCurrent].filter(([, parts]) => parts.length > 1);
    expect(merged.length).toBe(ref.merged.size);
    expect(new Set(merged.map(([, p]) => zrrOfParts(p as ('C' | 'NC' | 'P')[])))).toEqual(
      new Set(['classee', 'non_classee', 'partielle']),
    );
    for (const [code, parts] of byCurrent)
      expect(ref.classes.get(code), code).toBe(zrrOfParts(parts as ('C' | 'NC' | 'P')[]));
  });

  it('counts the classes of the file for communes that did not merge', () => {
    const inMerged = new Set([...ref.merged.values()].flatMap((list) => list.map((p) => p.code)));
    const fromFile: Record<string, number> = { C: 0, NC: 0, P: 0 };
    for (const [code, zrr] of simple)
      if (!inMerged.has(code)) fromFile[zrr] = (fromFile[zrr] ?? 0) + 1;
    const counts: Record<string, number> = { classee: 0, non_classee: 0, partielle: 0 };
    for (const [code, c] of ref.classes)
      if (!ref.merged.has(code)) counts[c] = (counts[c] ?? 0) + 1;
    expect(counts).toEqual({
      classee: fromFile.C,
      non_classee: fromFile.NC,
      partielle: fromFile.P,
    });
    // Communes restored since 2021 are missing from the file: no class, said in a note.
    const missing = communeResolver().cog.communes.filter((c) => !ref.classes.has(c.code));
    for (const c of missing) expect(ref.notes.join(' ')).toContain(c.code);
  });
});
