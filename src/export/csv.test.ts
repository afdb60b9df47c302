import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import type * as Arrow from 'apache-arrow';
import { formatNumber, neutraliseFormula, quoteField, tableToCsv } from './csv';

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

describe('formula neutralisation (OWASP « CSV Injection »)', () => {
  it('prefixes a text cell starting with =, +, -, @, tab or CR with a single quote', () => {
    expect(neutraliseFormula('=HYPERLINK("http://x","clic")')).toBe(
      '\'=HYPERLINK("http://x","clic")',
    );
    expect(neutraliseFormula("+cmd|' /C calc'!A0")).toBe("'+cmd|' /C calc'!A0");
    expect(neutraliseFormula('-2+3')).toBe("'-2+3");
    expect(neutraliseFormula('@SUM(A1:A9)')).toBe("'@SUM(A1:A9)");
    expect(neutraliseFormula('\t=1+1')).toBe("'\t=1+1");
    expect(neutraliseFormula('\r=1+1')).toBe("'\r=1+1");
    expect(neutraliseFormula('-')).toBe("'-");
  });
  it('leaves other text, and text that is only a plain number, as it is', () => {
    for (const text of [
      'Saint-Denis',
      'L’Haÿ-les-Roses',
      ' =espace',
      'a=b',
      '',
      '-1',
      '+33',
      '-12,5',
      '0.5',
    ])
      expect(neutraliseFormula(text)).toBe(text);
  });
  it('neutralises text columns and headers in both dialects, never numbers', () => {
    const table = new arrow.Table({
      name: arrow.vectorFromArray([
        '=HYPERLINK("http://x";"clic")',
        "+cmd|' /C calc'!A0",
        '@SUM(A1)',
        '-2+3',
        '-1',
      ]),
      value: arrow.vectorFromArray([-3, 1e5, -0.5, 2e21, -1], new arrow.Float64()),
      count: arrow.vectorFromArray([-3, 0, -7, 1, -1], new arrow.Int32()),
      '=bad': arrow.vectorFromArray(['a', 'b', 'c', 'd', 'e']),
    });
    expect(tableToCsv(table, { dialect: 'fr', bom: false }).split('\r\n')).toEqual([
      "name;value;count;'=bad",
      '"\'=HYPERLINK(""http://x"";""clic"")";-3;-3;a',
      "'+cmd|' /C calc'!A0;100000;0;b",
      "'@SUM(A1);-0,5;-7;c",
      "'-2+3;2000000000000000000000;1;d",
      '-1;-1;-1;e',
      '',
    ]);
    expect(tableToCsv(table, { dialect: 'intl', bom: false }).split('\r\n')[2]).toBe(
      "'+cmd|' /C calc'!A0,100000,0,b",
    );
  });
  it('neutralises dictionary-encoded text (categorical columns) too', () => {
    const table = new arrow.Table({
      group: arrow.vectorFromArray(
        ['=1+1', 'ok'],
        new arrow.Dictionary(new arrow.Utf8(), new arrow.Int32()),
      ),
    });
    expect(tableToCsv(table, { dialect: 'fr', bom: false }).split('\r\n').slice(1, 3)).toEqual([
      "'=1+1",
      'ok',
    ]);
  });
});
