import { describe, expect, it } from 'vitest';
import { decodeText, sniffCsv, sniffDecimal, sniffDelimiter } from './sniff';

const latin1 = (text: string): Uint8Array => Uint8Array.from([...text].map((c) => c.charCodeAt(0)));
const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('encoding', () => {
  it('reads UTF-8, drops the BOM', () => {
    expect(decodeText(utf8('\uFEFFRégion'))).toEqual({ text: 'Région', encoding: 'utf-8' });
  });
  it('falls back to Windows-1252 when the bytes are not UTF-8', () => {
    expect(decodeText(latin1('Liévin;Île'))).toEqual({
      text: 'Liévin;Île',
      encoding: 'windows-1252',
    });
    // 0x92 is the typographic apostrophe in Windows-1252 (Excel’s "CSV" on Windows).
    expect(decodeText(Uint8Array.from([0x4c, 0x92, 0x48])).text).toBe('L’H');
  });
});

describe('delimiter and decimal', () => {
  it('finds the delimiter that splits consistently', () => {
    expect(sniffDelimiter('a;b;c\n1,5;2;3\n4;5,5;6\n')).toBe(';');
    expect(sniffDelimiter('a,b,c\n1.5,2,3\n')).toBe(',');
    expect(sniffDelimiter('a\tb\n1\t2\n')).toBe('\t');
    expect(sniffDelimiter('name,note\n"Lens; nord",x\n')).toBe(',');
  });
  it('tells decimal comma from dot, and says when it cannot', () => {
    expect(sniffDecimal([['12,5', '3']], ';')).toEqual({ decimal: ',', ambiguous: false });
    expect(sniffDecimal([['12.5', '3']], ';')).toEqual({ decimal: '.', ambiguous: false });
    expect(sniffDecimal([['1.234']], ';')).toEqual({ decimal: '.', ambiguous: true });
    expect(sniffDecimal([['12,5'], ['3.25']], ';').ambiguous).toBe(true);
    expect(sniffDecimal([['12', '3']], ';')).toEqual({ decimal: ',', ambiguous: false });
    expect(sniffDecimal([['12.5']], ',')).toEqual({ decimal: '.', ambiguous: false });
  });
  it('sniffs a Latin-1 French CSV in one go', () => {
    const sniff = sniffCsv(latin1('commune;taux\nLiévin;12,5\nLens;3,25\n'));
    expect(sniff).toMatchObject({
      encoding: 'windows-1252',
      delimiter: ';',
      decimal: ',',
      decimalAmbiguous: false,
    });
  });
});
