import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..');
const COMMITTED = path.join(ROOT, 'data/fixtures');

function files(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
    .sort();
}

describe('scripts/fixtures.parquet.ts', () => {
  it('regenerates data/fixtures byte for byte (the committed files are its output)', () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'fixtures-'));
    try {
      execFileSync(
        process.execPath,
        ['--import', 'tsx', 'scripts/fixtures.parquet.ts', '--out', out],
        {
          cwd: ROOT,
          stdio: 'pipe',
        },
      );
      const written = files(out);
      // bad/ holds the hand-written bad-input corpus (issue 17), not the generator's output.
      expect(written).toEqual(
        files(COMMITTED).filter((f) => !f.endsWith('.md') && !f.startsWith('bad/')),
      );
      for (const f of written) {
        const a = fs.readFileSync(path.join(out, f));
        const b = fs.readFileSync(path.join(COMMITTED, f));
        expect(a.equals(b), f).toBe(true);
      }
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  });
});
