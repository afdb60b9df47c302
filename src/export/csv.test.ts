import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import type * as Arrow from 'apache-arrow';
import { formatNumber, quoteField, tableToCsv } from './csv';

// Same Arrow build as DuckDB-WASM's Node bundle (dual-package hazard, see the team brief).
const arrow = createRequire(import.meta.url)('apache-arrow') as typeof Arrow;

function sample(): Arrow.Table {
  return arrow.tableFromArrays({
    name: ['L’Haÿ-les-Roses', 'Saint-Denis; nord', 'Dit "le Port"', 'Ligne\nsuivante'],
    value: Float64Array.from([12.5, 0.000001, -3, 1234567.25]),
    count: Int32Array.from([7, 0, 12, 5]),
  });
}

describe('tableToCsv', () => {
  it('writes the French dialect: BOM, `;`, decimal comma, CRLF, quoting', () => {
    const csv = tableToCsv(sample(), { dialect: 'fr' });
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv.slice(1).split('\r\n')).toEqual([
      'name;value;count',
      'L’Haÿ-les-Roses;12,5;7',
      '"Saint-Denis; nord";0,000001;0',
      '"Dit ""le Port""";-3;12',
      '"Ligne\nsuivante";1234567,25;5',
      '',
    ]);
  });

  it('writes the international dialect with `,` and a dot', () => {
    const csv = tableToCsv(sample(), { dialect: 'intl', bom: false });
    expect(csv.split('\r\n').slice(0, 3)).toEqual([
      'name,value,count',
      'L’Haÿ-les-Roses,12.5,7',
      'Saint-Denis; nord,0.000001,0',
    ]);
  });

  it('writes NULL as an empty cell (never 0) and booleans as true/false', () => {
    const table = new arrow.Table({
      code: arrow.vectorFromArray(['93', '75']),
      numerator: arrow.vectorFromArray([null, 12], new arrow.Float64()),
      suppressed: arrow.vectorFromArray([true, false]),
    });
    const lines = tableToCsv(table, { dialect: 'fr', bom: false }).split('\r\n');
    expect(lines[1]).toBe('93;;true');
    expect(lines[2]).toBe('75;12;false');
  });
});

describe('field helpers', () => {
  it('quotes only when needed', () => {
    expect(quoteField('abc', ';')).toBe('abc');
    expect(quoteField('a,b', ';')).toBe('a,b');
    expect(quoteField('a,b', ',')).toBe('"a,b"');
    expect(quoteField(' lead', ',')).toBe('" lead"');
  });
  it('never writes exponents', () => {
    expect(formatNumber(1e-7, ',')).toBe('0,0000001');
    expect(formatNumber(2e21, '.')).toBe('2000000000000000000000');
    expect(formatNumber(10n, ',')).toBe('10');
    expect(formatNumber(Number.NaN, ',')).toBe('');
  });
});
