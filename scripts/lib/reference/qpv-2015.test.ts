/** The inferred 2015 list, against the predecessors the reference files name. */
import fs from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { geodataDir } from '../options';
import { QPV_2015_CODE, readQpv2024, type Qpv2024Reference } from './qpv-list-2024';
import { inferQpv2015, QPV_2015_LIST, type Qpv2015Reference } from './qpv-2015';
import { csvRows, parseCsv } from './csv';
import { frCount, referencePath } from './sources';

const geodata = geodataDir();
let list2024: Qpv2024Reference;
let list2015: Qpv2015Reference;

beforeAll(() => {
  list2024 = readQpv2024(geodata);
  list2015 = inferQpv2015(list2024.rows);
});

describe('QPV 2015 list (inferred)', () => {
  it('holds the distinct predecessors of the QPV 2024 in scope, with their 2015 names', () => {
    // From the reference files themselves: the predecessors named by the correspondence for the
    // QPV 2024 that have a commune in the ANCT commune points (the others are out of scope).
    const inScope = new Set<string>();
    const points = JSON.parse(fs.readFileSync(referencePath(geodata, 'qpvCommunes'), 'utf8')) as {
      features: { properties: { code_qp: string } }[];
    };
    for (const f of points.features)
      for (const code of f.properties.code_qp.split(',')) inScope.add(code.trim());
    const file = referencePath(geodata, 'qpvCorrespondence');
    const expected = new Set<string>();
    for (const r of csvRows(parseCsv(fs.readFileSync(file, 'utf8')), file).rows) {
      if (!inScope.has(r('qp2024'))) continue;
      for (const c of ['qp2015_1', 'qp2015_2', 'qp2015_3']) if (r(c)) expected.add(r(c));
    }
    expect(list2015.rows.map((q) => q.code)).toEqual([...expected].sort());
    for (const q of list2015.rows) expect(q.code).toMatch(QPV_2015_CODE);
    const names = new Map(
      list2024.rows.flatMap((q) => q.predecessors.map((p) => [p.code, p.name] as const)),
    );
    for (const q of list2015.rows) expect(names.has(q.code) && q.name.length > 0).toBe(true);
  });

  it('links each 2015 QPV to its successors, and takes their communes', () => {
    const by2024 = new Map(list2024.rows.map((q) => [q.code, q]));
    const successors = new Map<string, string[]>();
    for (const q of list2024.rows)
      for (const p of q.predecessors)
        successors.set(p.code, [...(successors.get(p.code) ?? []), q.code]);
    for (const q of list2015.rows) {
      expect(q.successors).toEqual([...(successors.get(q.code) ?? [])].sort());
      const communes = new Set(q.successors.flatMap((s) => by2024.get(s)?.communes ?? []));
      expect(new Set(q.communes)).toEqual(communes);
      expect(q.departement).toBe(by2024.get(q.successors[0] ?? '')?.departement);
      expect(q.code.slice(2, 5)).toBe(q.departement.padStart(3, '0'));
    }
  });

  it('says how many 2015 QPV are known, against the published list', () => {
    const note = list2015.notes.join(' ');
    expect(note).toContain(`${frCount(list2015.rows.length)} quartiers connus`);
    expect(note).toContain(frCount(QPV_2015_LIST.total));
    expect(list2015.rows.length).toBeLessThan(QPV_2015_LIST.total - QPV_2015_LIST.outOfScope);
    // Mayotte's 2024 QPV are whole communes with no predecessor: no 2015 QPV is known there.
    expect(list2015.rows.some((q) => q.departement === '976')).toBe(false);
    expect(note).toContain('Mayotte');
  });
});
