import { describe, expect, it } from 'vitest';
import { CsvSyntaxError, parseRecords } from './csv-parse';

describe('parseRecords (sniffing sample)', () => {
  it('reads quoted fields, doubled quotes, embedded breaks and CRLF, and keeps file lines', () => {
    const text = 'a;b\r\n"x;y";"dit ""z"""\r\n"deux\nlignes";3\r\n\r\nfin;4';
    const parsed = parseRecords(text, ';');
    expect(parsed.records).toEqual([
      ['a', 'b'],
      ['x;y', 'dit "z"'],
      ['deux\nlignes', '3'],
      ['fin', '4'],
    ]);
    expect(parsed.lines).toEqual([1, 2, 3, 6]);
  });
  it('keeps empty fields and a trailing empty field', () => {
    expect(parseRecords('a,,c,\n', ',').records).toEqual([['a', '', 'c', '']]);
  });
  it('reports an unclosed quote', () => {
    expect(() => parseRecords('a;b\n"1;2\n', ';')).toThrow(CsvSyntaxError);
  });
});
