import { describe, expect, it } from 'vitest';
import { estimatedNeed, memoryBudget, ownFileErrorMessage } from './own-errors';

// Texts captured from DuckDB-WASM 1.32 (DuckDB 1.4.3) and Chromium.
const DUCKDB_OOM =
  'Out of Memory Error: could not allocate block of size 256.0 KiB (18.9 MiB/19.0 MiB used)\nDatabase is launched in in-memory mode and no temporary directory is specified.';
const UNTERMINATED =
  'Invalid Input Error: CSV Error on Line: 3\nOriginal Line: "x;3\n4;5\n\nValue with unterminated quote found.';

describe('own-file error messages', () => {
  it('says out of memory in French, never « corrompu »', () => {
    for (const detail of [
      DUCKDB_OOM,
      'RangeError: Array buffer allocation failed',
      'RuntimeError: memory access out of bounds',
    ]) {
      const message = ownFileErrorMessage(detail, 'gros.parquet', 52_400_000) ?? '';
      expect(message).toMatch(
        /^Le fichier est trop volumineux pour la mémoire de ce navigateur \(52,4 Mo\)/,
      );
      expect(message).not.toMatch(/corrompu/);
    }
  });
  it('names an unclosed quote and its line', () => {
    expect(ownFileErrorMessage(UNTERMINATED, 'a.csv', 10)).toMatch(
      /un guillemet ouvrant n’est jamais fermé \(ligne 3\)/,
    );
  });
  it('leaves unknown errors to the caller', () => {
    expect(ownFileErrorMessage('Catalog Error: Table x does not exist', 'a.csv', 10)).toBeNull();
  });
  it('budgets half the device memory, within the wasm heap', () => {
    expect(memoryBudget({ deviceMemory: 2 })).toBe(2 ** 30);
    expect(memoryBudget({ deviceMemory: 8 })).toBe(3 * 2 ** 30);
    expect(memoryBudget({})).toBe(3 * 2 ** 30);
    // The 200 MB CSV of the review fits an 8 GB machine; on a 2 GB one it is refused up front.
    expect(estimatedNeed(200e6, 'csv')).toBeLessThan(memoryBudget({ deviceMemory: 8 }));
    expect(estimatedNeed(300e6, 'csv')).toBeGreaterThan(memoryBudget({ deviceMemory: 2 }));
  });
});
