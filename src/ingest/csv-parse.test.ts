import { describe, expect, it } from 'vitest';
import { CsvSyntaxError, parseCsv, parseRecords } from './csv-parse';

describe('parseCsv', () => {
  it('reads quoted fields, doubled quotes, embedded breaks and CRLF, and keeps file lines', () => {
    const text = 'a;b\r\n"x;y";"dit ""z"""\r\n"deux\nlignes";3\r\n\r\nfin;4';
    const parsed = parseCsv(text, ';');
    expect(parsed.header).toEqual(['a', 'b']);
    expect(parsed.rows).toEqual([
      ['x;y', 'dit "z"'],
      ['deux\nlignes', '3'],
      ['fin', '4'],
    ]);
    expect(parsed.lines).toEqual([2, 3, 6]);
  });
  it('keeps empty fields and a trailing empty field', () => {
    expect(parseRecords('a,,c,\n', ',').records).toEqual([['a', '', 'c', '']]);
  });
  it('says which lines have the wrong number of fields', () => {
    expect(() => parseCsv('a;b\n1;2\n3\n4;5;6\n', ';')).toThrow(
      /2 lignes n’ont pas 2 champs.*lignes 3, 4/,
    );
  });
  it('reports an unclosed quote', () => {
    expect(() => parseCsv('a;b\n"1;2\n', ';')).toThrow(CsvSyntaxError);
  });
});
