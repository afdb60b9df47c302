import { tableFromArrays } from 'apache-arrow';
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
