/** The FRR classification: classes counted as in the file (socle, FRR+, partly classed…). */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FRR_MEMBERS } from '../../../src/catalogue';
import { geodataDir } from '../options';
import { FRR_LABELS, readFrr } from './frr';
import { referencePath } from './sources';

describe('FRR', () => {
  it('counts each class as the file does', () => {
    const geodata = geodataDir();
    const { classes } = readFrr(geodata);
    const lines = fs
      .readFileSync(referencePath(geodata, 'frr'), 'utf8')
      .split('\r\n')
      .slice(1)
      .filter(Boolean);
    const expected = new Map<string, number>();
    for (const l of lines) {
      const label = l.split(';')[3] ?? '';
      expected.set(label, (expected.get(label) ?? 0) + 1);
    }
    expect(expected.get('FRR socle')).toBeGreaterThan(10_000);
    const counts = new Map<string, number>();
    for (const c of classes.values()) counts.set(c, (counts.get(c) ?? 0) + 1);
    for (const [label, n] of expected) expect(counts.get(FRR_LABELS[label] ?? ''), label).toBe(n);
    // The `frr` part: FRR socle + FRR+ + partly classed, not the « bénéficiaires ».
    const members = [...classes.values()].filter((c) => FRR_MEMBERS.includes(c)).length;
    expect(members).toBe(
      (expected.get('FRR socle') ?? 0) +
        (expected.get('FRR+') ?? 0) +
        (expected.get('Classée FRR partiellement') ?? 0),
    );
  });
});
