/** data/README.md is generated from the contract: it must be regenerated when the contract changes. */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { TABLES, TABLE_NAMES } from '../src/catalogue';
import { README_PATH, renderReadme } from './data-readme';

describe('data/README.md', () => {
  it('is up to date with src/catalogue (npx tsx scripts/data-readme.ts)', () => {
    expect(fs.readFileSync(README_PATH, 'utf8')).toBe(renderReadme());
  });

  it('documents every column of every table and the synthetic-data note', () => {
    const text = renderReadme();
    for (const t of TABLE_NAMES)
      for (const c of TABLES[t].columns) expect(text).toContain(`| \`${c.name}\` | ${c.type} |`);
    expect(text).toContain('DONNÉES SYNTHÉTIQUES');
    expect(text).toContain('Lens-Liévin');
  });
});
