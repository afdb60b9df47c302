/**
 * The 2024 QPV list against the reference files themselves: the expected values are computed
 * here from the correspondence and the ANCT commune points (the files the pipeline reads and
 * `data:fetch` downloads), independently of the reader.
 */
import fs from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { geodataDir } from '../options';
import { communeResolver } from './communes';
import { csvRows, parseCsv } from './csv';
import { readQpv2024, type Qpv2024Reference } from './qpv-list-2024';
import { referencePath } from './sources';

const geodata = geodataDir();
let ref: Qpv2024Reference;
/** Correspondence lines: code → fields (no quoted field before the status column matters here). */
let correspondence: Map<string, string[]>;
/** QPV code → the commune codes listing it in the ANCT commune points. */
let listed: Map<string, Set<string>>;

beforeAll(() => {
  ref = readQpv2024(geodata);
  const lines = fs
    .readFileSync(referencePath(geodata, 'qpvCorrespondence'), 'utf8')
    .split('\r\n')
    .slice(1)
    .filter(Boolean);
  correspondence = new Map(lines.map((l) => [l.slice(0, l.indexOf(',')), l.split(',')]));
  const points = JSON.parse(fs.readFileSync(referencePath(geodata, 'qpvCommunes'), 'utf8')) as {
    features: { properties: { insee_com: string; code_qp: string } }[];
  };
  listed = new Map();
  for (const f of points.features)
    for (const code of f.properties.code_qp.split(', ')) {
      const set = listed.get(code) ?? new Set();
      set.add(f.properties.insee_com);
      listed.set(code, set);
    }
});

describe('QPV 2024 list', () => {
  it('keeps the QPV of the correspondence that have a commune, and only them', () => {
    const expected = [...correspondence.keys()].filter((c) => listed.has(c)).sort();
    expect(ref.rows.map((q) => q.code)).toEqual(expected);
    // Polynésie française and Saint-Martin are the ones left out.
    const dropped = [...correspondence.keys()].filter((c) => !listed.has(c));
    expect(new Set(dropped.map((c) => c.slice(2, 5)))).toEqual(new Set(['978', '987']));
    expect(ref.notes.join(' ')).toContain(String(dropped.length));
    expect(ref.rows.some((q) => /DEMO/i.test(q.code))).toBe(false);
  });

  it.each(['93', '59', '13', '69', '62', '974', '976'])(
    'has in département %s as many QPV as the correspondence',
    (dep) => {
      const prefix = `QN${dep.padStart(3, '0')}`;
      const expected = [...correspondence.keys()].filter((c) => c.startsWith(prefix)).length;
      expect(expected).toBeGreaterThan(0);
      expect(ref.rows.filter((q) => q.departement === dep).length).toBe(expected);
    },
  );

  it('places every QPV in current communes of its département; multi-commune QPV as listed', () => {
    const resolver = communeResolver();
    for (const q of ref.rows) {
      expect(q.communes.length, q.code).toBeGreaterThan(0);
      for (const c of q.communes) {
        expect(resolver.commune(c)?.departement, `${q.code} ${c}`).toBe(q.departement);
      }
    }
    const multi = [...listed.values()].filter((s) => s.size > 1).length;
    expect(ref.rows.filter((q) => q.communes.length > 1).length).toBe(multi);
    // COG 2025 → current: Pierrefitte-sur-Seine (93059) is now part of Saint-Denis (93066).
    expect(ref.rows.some((q) => q.communes.includes('93059'))).toBe(false);
  });

  it('takes names, statuses and predecessors from the correspondence (names keep « œ »)', () => {
    const file = referencePath(geodata, 'qpvCorrespondence');
    const { rows } = csvRows(parseCsv(fs.readFileSync(file, 'utf8')), file);
    const byCode = new Map(rows.map((r) => [r('qp2024'), r]));
    const resolver = communeResolver();
    for (const q of ref.rows) {
      const j = byCode.get(q.code);
      expect(j, q.code).toBeDefined();
      if (!j) continue;
      expect(q.name).toBe(j('label_qp2024'));
      expect(q.status).toBe(j('statut').toLowerCase());
      const predecessors = ['qp2015_1', 'qp2015_2', 'qp2015_3'].map((c) => j(c)).filter(Boolean);
      expect(q.predecessors.map((p) => p.code)).toEqual(predecessors);
      const communes = [...(listed.get(q.code) ?? [])].map((c) => resolver.current(c));
      expect(new Set(q.communes)).toEqual(new Set(communes));
    }
    const withLigature = [...correspondence.values()].filter((f) => f[1]?.includes('œ'));
    expect(withLigature.length).toBeGreaterThan(0);
    for (const f of withLigature)
      expect(ref.rows.find((q) => q.code === f[0])?.name).toContain('œ');
  });

  it('gives Mayotte its whole-commune QPV, without predecessor', () => {
    const mayotte = ref.rows.filter((q) => q.departement === '976');
    expect(mayotte.length).toBe(
      [...correspondence.keys()].filter((c) => c.startsWith('QN976')).length,
    );
    for (const q of mayotte) {
      expect(q.status).toBe('commune');
      expect(q.predecessors).toEqual([]);
      expect(q.communes.length).toBe(1);
    }
    expect(new Set(mayotte.map((q) => q.communes[0])).size).toBe(mayotte.length);
  });
});
