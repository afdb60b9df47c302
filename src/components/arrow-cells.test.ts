import { describe, expect, it } from 'vitest';
import { Bool, DateDay, Field, Float64, Int16, Int64, Utf8 } from 'apache-arrow';
import { NNBSP } from '../format';
import { cellText, isNumericField } from './arrow-cells';

const v = (s: string) => s.replaceAll(NNBSP, '␣');

describe('Arrow cell text', () => {
  it('groups quantities but not identifiers', () => {
    expect(v(cellText(1234567, new Field('population', new Int64())))).toBe('1␣234␣567');
    expect(v(cellText(1234567n, new Field('rows', new Int64())))).toBe('1␣234␣567');
    expect(cellText(2024, new Field('year', new Int16()))).toBe('2024');
    expect(cellText(200057867n, new Field('epci_code', new Int64()))).toBe('200057867');
  });

  it('writes decimals with a comma, trimmed to four places', () => {
    expect(cellText(48.856614, new Field('lat', new Float64()))).toBe('48,8566');
    expect(cellText(12.5, new Field('value', new Float64()))).toBe('12,5');
  });

  it('writes booleans, dates, missing values and text for a French reader', () => {
    expect(cellText(true, new Field('synthetic', new Bool()))).toBe('oui');
    expect(cellText(false, new Field('synthetic', new Bool()))).toBe('non');
    expect(cellText(Date.UTC(2021, 1, 1), new Field('opened', new DateDay()))).toBe(
      '1er février 2021',
    );
    expect(cellText(null, new Field('qpv_code', new Utf8()))).toBe('—');
    expect(cellText('L’Haÿ-les-Roses', new Field('name', new Utf8()))).toBe('L’Haÿ-les-Roses');
  });

  it('knows numeric columns', () => {
    expect(isNumericField(new Field('n', new Float64()))).toBe(true);
    expect(isNumericField(new Field('s', new Utf8()))).toBe(false);
  });
});
