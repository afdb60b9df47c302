import { describe, expect, it } from 'vitest';
import { csvRows, parseCsv } from './csv';

describe('parseCsv', () => {
  it('reads quoted separators, doubled quotes, line breaks in quotes, CRLF and a BOM', () => {
    const text = '\uFEFFa,b,c\r\n1,"x, y",""""\r\n2,"line\nbreak",\r\n\r\n';
    expect(parseCsv(text)).toEqual([
      ['a', 'b', 'c'],
      ['1', 'x, y', '"'],
      ['2', 'line\nbreak', ''],
      [''],
    ]);
  });

  it('reads `;` files with a trailing separator, by column name', () => {
    const { rows } = csvRows(parseCsv('Code;Classe;\r\n01001;Non classée;\r\n', ';'), 'f.csv');
    expect(rows.map((r) => [r('Code'), r('Classe')])).toEqual([['01001', 'Non classée']]);
    expect(() => rows[0]?.('Absente')).toThrow(/Absente/);
  });
});
