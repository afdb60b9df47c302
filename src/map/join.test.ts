import { Bool, Float64, Table, Utf8, tableFromArrays, vectorFromArray } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { colorMatchExpression, forEachFeatureStyle, readResult, type Styling } from './join';

const table = tableFromArrays({
  code: ['75', '93', '2A', '971'],
  value: [1, 8, null, 5],
  suppressed: [false, false, true, false],
});
const styling: Styling = {
  breaks: [0, 4, 8],
  colors: ['#aaa', '#bbb'],
  secretColor: '#sec',
  noDataColor: '#nd',
};

describe('readResult', () => {
  it('reads codes, values (NaN for null) and the secret flag column-wise', () => {
    const cols = readResult(table);
    expect(cols.codes).toEqual(['75', '93', '2A', '971']);
    expect(Array.from(cols.values)).toEqual([1, 8, NaN, 5]);
    expect(Array.from(cols.suppressed)).toEqual([0, 0, 1, 0]);
    expect(cols.index.get('2A')).toBe(2);
  });
});

/** The plain row-by-row reading the column readers must agree with. */
function readByRow(t: Table) {
  const code = t.getChild('code');
  const value = t.getChild('value');
  const secret = t.getChild('suppressed');
  return Array.from({ length: t.numRows }, (_, i) => {
    const v: unknown = value?.get(i);
    return [
      String(code?.get(i) ?? ''),
      typeof v === 'number' ? v : v == null ? NaN : Number(v),
      secret?.get(i) === true ? 1 : 0,
    ];
  });
}

function batch(codes: (string | null)[], values: (number | null)[], secret: (boolean | null)[]) {
  return new Table({
    code: vectorFromArray(codes, new Utf8()),
    value: vectorFromArray(values, new Float64()),
    suppressed: vectorFromArray(secret, new Bool()),
  });
}

describe('readResult on the layouts DuckDB and slicing give', () => {
  // Several record batches (DuckDB sends one per chunk), then a slice across them (the map
  // shows one year of an all-years result): offsets, validity bits and boolean bits all start
  // mid-buffer.
  const many = batch(
    ['01001', '01002', null, '2A004'],
    [1.5, null, 3, 4],
    [false, true, null, false],
  )
    .concat(batch(['97101', 'Zoé', '75056'], [null, 6, 7], [true, false, false]))
    .concat(batch(['13055', '69123', '59350'], [8, 9, null], [null, false, true]));

  it.each([
    ['several batches', many],
    ['a slice across batches', many.slice(2, 8)],
    ['a slice inside one batch', many.slice(5, 7)],
    [
      'dictionary codes and integer values',
      tableFromArrays({
        code: ['a', 'b'],
        value: new Int32Array([2, 3]),
        suppressed: [true, false],
      }),
    ],
  ])('reads %s as the row-by-row reading does', (_, t) => {
    const cols = readResult(t);
    const got = cols.codes.map((c, i) => [c, cols.values[i], cols.suppressed[i]]);
    expect(got).toEqual(readByRow(t));
    expect(cols.index.get(cols.codes[cols.length - 1] ?? '')).toBe(cols.length - 1);
  });
  it('keeps a code that is not ASCII whole', () => {
    expect(readResult(many.slice(4, 6)).codes).toEqual(['97101', 'Zoé']);
  });
});

describe('feature states', () => {
  it('gives each territory its class colour, secret flag and radius', () => {
    const got: [string, unknown][] = [];
    forEachFeatureStyle(readResult(table), { ...styling, radius: (v) => v * 2 }, (code, s) =>
      got.push([code, s]),
    );
    expect(got).toEqual([
      ['75', { c: '#aaa', r: 2, s: 0 }],
      ['93', { c: '#bbb', r: 16, s: 0 }],
      ['2A', { c: '#sec', r: 0, s: 1 }],
      ['971', { c: '#bbb', r: 10, s: 0 }],
    ]);
  });
});

describe('colorMatchExpression', () => {
  it('groups codes by colour and falls back to the no-data colour', () => {
    expect(colorMatchExpression(readResult(table), styling)).toEqual([
      'match',
      ['get', 'code'],
      ['75'],
      '#aaa',
      ['93', '971'],
      '#bbb',
      ['2A'],
      '#sec',
      '#nd',
    ]);
  });
  it('is a constant colour when nothing has a value', () => {
    const empty = readResult(tableFromArrays({ code: ['1'], value: [null], suppressed: [false] }));
    expect(colorMatchExpression(empty, styling)).toBe('#nd');
  });
});
