import { Bool, Float64, Table, Utf8, tableFromArrays, vectorFromArray } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  FeatureStates,
  readResult,
  styleOf,
  type FeatureState,
  type ResultColumns,
  type StatePick,
  type Styling,
} from './join';

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

/** Result columns over a given code array (the column reader shares one for the same text). */
function columns(codes: readonly string[], values: number[], secret: number[]): ResultColumns {
  return {
    length: codes.length,
    codes,
    values: Float64Array.from(values),
    suppressed: Uint8Array.from(secret),
    index: new Map(codes.map((c, i) => [c, i])),
  };
}

/** Runs an update and returns the `setFeatureState` calls it made. */
function calls(states: FeatureStates, cols: ResultColumns, st: Styling, pick: StatePick) {
  const got: [string, FeatureState][] = [];
  states.update(cols, st, pick, (code, state) => got.push([code, state]));
  return got;
}

describe('feature states', () => {
  const radius = { ...styling, radius: (v: number) => v * 2 };

  it('gives each territory its class colour, secret flag and radius', () => {
    expect(calls(new FeatureStates(), readResult(table), radius, 'all')).toEqual([
      ['75', { c: '#aaa', r: 2, s: 0 }],
      ['93', { c: '#bbb', r: 16, s: 0 }],
      ['2A', { c: '#sec', r: 0, s: 1 }],
      ['971', { c: '#bbb', r: 10, s: 0 }],
    ]);
  });
  it('touches only the features whose style changed, by position or by code', () => {
    const codes = ['75', '93', '2A', '971'];
    const states = new FeatureStates();
    calls(states, columns(codes, [1, 8, NaN, 5], [0, 0, 1, 0]), styling, 'all');
    // The same code array: compared row by row.
    // 93 goes from 8 to 5, still in the second class: nothing to set.
    expect(calls(states, columns(codes, [1, 5, NaN, 5], [0, 0, 1, 0]), styling, 'all')).toEqual([]);
    expect(calls(states, columns(codes, [6, 5, NaN, 5], [0, 0, 1, 0]), styling, 'all')).toEqual([
      ['75', { c: '#bbb', r: 0, s: 0 }],
    ]);
    // Other codes, in another order: compared by code; a code gone is cleared.
    expect(
      calls(states, columns(['971', '75', '13'], [5, 1, 2], [0, 0, 0]), styling, 'all'),
    ).toEqual([
      ['75', { c: '#aaa', r: 0, s: 0 }],
      ['13', { c: '#aaa', r: 0, s: 0 }],
      ['93', { c: null, r: 0, s: 0 }],
      ['2A', { c: null, r: 0, s: 0 }],
    ]);
  });
  it('keeps only the secret features for hatching, then clears everything', () => {
    const states = new FeatureStates();
    const cols = readResult(table);
    calls(states, cols, radius, 'all');
    expect(calls(states, cols, radius, 'secret')).toEqual([
      ['75', { c: null, r: 0, s: 0 }],
      ['93', { c: null, r: 0, s: 0 }],
      ['2A', { c: '#nd', r: 0, s: 1 }],
      ['971', { c: null, r: 0, s: 0 }],
    ]);
    expect(calls(states, cols, radius, 'none')).toEqual([['2A', { c: null, r: 0, s: 0 }]]);
    expect(calls(states, cols, radius, 'none')).toEqual([]);
  });

  /** What a feature shows after a result, worked out from scratch. */
  function expected(cols: ResultColumns, st: Styling, pick: StatePick): Map<string, FeatureState> {
    const out = new Map<string, FeatureState>();
    for (let i = 0; i < cols.length; i++) {
      const code = cols.codes[i] ?? '';
      if (pick === 'all') out.set(code, styleOf(cols, i, st));
      else if (pick === 'secret' && cols.suppressed[i] === 1)
        out.set(code, { c: st.noDataColor, r: 0, s: 1 });
    }
    return out;
  }

  it('leaves every feature as a fresh join would, over any run of results', () => {
    const pool = ['01', '02', '03', '04', '05', '06', '07', '08'];
    const result = fc.record({
      rows: fc.subarray(pool.map((_, i) => i)).chain((idx) =>
        fc.tuple(
          fc.constant(idx),
          fc.array(fc.oneof(fc.constant(NaN), fc.integer({ min: -1, max: 9 })), {
            minLength: idx.length,
            maxLength: idx.length,
          }),
          fc.array(fc.integer({ min: 0, max: 1 }), {
            minLength: idx.length,
            maxLength: idx.length,
          }),
        ),
      ),
      pick: fc.constantFrom<StatePick>('all', 'all', 'secret', 'none'),
      circles: fc.boolean(),
      // Reuse the last code array when the rows are the same (what `strings` does).
      shared: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(result, { minLength: 1, maxLength: 6 }), (runs) => {
        const states = new FeatureStates();
        const shown = new Map<string, FeatureState>();
        let last: readonly string[] = [];
        for (const { rows, pick, circles, shared } of runs) {
          const [idx, values, secret] = rows;
          const fresh = idx.map((i) => pool[i] ?? '');
          const codes =
            shared && fresh.length === last.length && fresh.every((c, i) => c === last[i])
              ? last
              : fresh;
          last = codes;
          const st = circles ? radius : styling;
          const cols = columns(codes, values, secret);
          states.update(cols, st, pick, (code, state) => {
            if (state.c === null) shown.delete(code);
            else shown.set(code, { ...state });
          });
          expect(shown).toEqual(expected(cols, st, pick));
        }
      }),
      { numRuns: 300 },
    );
  });
});
