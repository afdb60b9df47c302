import { Bool, Float64, Int64, Table, Utf8, vectorFromArray } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { flagBytes, flags, numbers, strings } from './arrow-columns';

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
