import { Bool, Float64, Int64, Table, Utf8, vectorFromArray } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { flagBytes, flags, numbers, strings } from './columns';

/** Names as DuckDB sends them: Utf8, several record batches, accents and a 4-byte character. */
const names = (list: (string | null)[]) =>
  new Table({
    name: vectorFromArray(list, new Utf8()),
    value: vectorFromArray(
      list.map((s, i) => (s === null ? null : i + 0.5)),
      new Float64(),
    ),
    big: vectorFromArray(
      list.map((_, i) => BigInt(i)),
      new Int64(),
    ),
    flag: vectorFromArray(
      list.map((s) => (s === null ? null : s.length % 2 === 0)),
      new Bool(),
    ),
  });
const table = names(['Saint-Étienne', 'Lyon', null])
  .concat(names(['L’Haÿ-les-Roses', 'Ajaccio 𝔸', 'Évry-Courcouronnes']))
  .concat(names(['Paris', null, 'Orléans', 'Saint-Denis']));

const byRow = (t: Table, name: string) =>
  Array.from({ length: t.numRows }, (_, i) => t.getChild(name)?.get(i) as unknown);

describe('column readers', () => {
  it.each([
    ['all batches', table],
    ['a slice across batches', table.slice(1, 8)],
    ['a slice starting on a 4-byte character', table.slice(4, 6)],
  ])('read %s as row-by-row `get` does', (_, t) => {
    expect(strings(t, 'name')).toEqual(byRow(t, 'name').map((x) => (x == null ? '' : String(x))));
    expect(Array.from(numbers(t, 'value'))).toEqual(
      byRow(t, 'value').map((x) => (x == null ? NaN : Number(x))),
    );
    expect(Array.from(numbers(t, 'big'))).toEqual(byRow(t, 'big').map((x) => Number(x)));
    expect(flags(t, 'flag')).toEqual(byRow(t, 'flag').map((x) => x === true));
    expect(Array.from(flagBytes(t, 'flag'))).toEqual(
      byRow(t, 'flag').map((x) => (x === true ? 1 : 0)),
    );
  });
  it('keeps accents and characters outside the BMP whole', () => {
    expect(strings(table.slice(3, 6), 'name')).toEqual([
      'L’Haÿ-les-Roses',
      'Ajaccio 𝔸',
      'Évry-Courcouronnes',
    ]);
  });
  it('gives empty, NaN and false for a missing column', () => {
    expect(strings(table, 'nope')[0]).toBe('');
    expect(numbers(table, 'nope')[0]).toBeNaN();
    expect(flagBytes(table, 'nope')[0]).toBe(0);
  });
});

describe('long text columns', () => {
  /** 1,500 commune-like codes, then a value per year: the layout of a map result. */
  const codes = Array.from({ length: 1500 }, (_, i) => `${String(i).padStart(5, '0')}é`);
  const years = (list: string[], batches: number) => {
    const size = Math.ceil(list.length / batches);
    let t = new Table({ code: vectorFromArray(list.slice(0, size), new Utf8()) });
    for (let k = size; k < list.length; k += size)
      t = t.concat(new Table({ code: vectorFromArray(list.slice(k, k + size), new Utf8()) }));
    return t;
  };

  it('hand back the same array for the same text, however it is cut', () => {
    const first = strings(years(codes, 1), 'code');
    expect(first).toEqual(codes);
    // Another result, in the same batches: the same strings, not decoded again.
    expect(strings(years(codes, 1), 'code')).toBe(first);
    // A slice of a longer result (one year of all years) holds the same text at an offset.
    const twoYears = years([...codes, ...codes], 1).slice(codes.length, 2 * codes.length);
    expect(strings(twoYears, 'code')).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
  });
  it('decode a column of other text, or the same text cut into other batches, afresh', () => {
    const first = strings(years(codes, 1), 'code');
    const other = codes.map((c, i) => (i === 700 ? c.replace('é', 'è') : c));
    const changed = strings(years(other, 1), 'code');
    expect(changed).not.toBe(first);
    expect(changed[700]).toBe('00700è');
    const moved = [...codes.slice(1), codes[0] ?? ''];
    expect(strings(years(moved, 1), 'code')).toEqual(moved);
    const split = strings(years(codes, 3), 'code');
    expect(split).toEqual(codes);
    expect(split).not.toBe(first);
  });
  it('decode a column with nulls every time', () => {
    const t = () => new Table({ code: vectorFromArray([...codes, null], new Utf8()) });
    const a = strings(t(), 'code');
    expect(a[codes.length]).toBe('');
    expect(strings(t(), 'code')).not.toBe(a);
  });
});
