import { tableFromArrays } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { readResult, styleOf, type Styling } from '../src/map/join';
import { colorMatchExpression } from './bench-match-join';

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

describe('colorMatchExpression', () => {
  it('groups codes by colour and falls back to the no-data colour', () => {
    const cols = readResult(table);
    expect(colorMatchExpression(cols, styling, (i) => styleOf(cols, i, styling).c)).toEqual([
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
    expect(colorMatchExpression(empty, styling, (i) => styleOf(empty, i, styling).c)).toBe('#nd');
  });
  it('is the same function once sent to the page as text', () => {
    const cols = readResult(table);
    const colorOf = (i: number): string => styleOf(cols, i, styling).c;
    // What `setJoin` sends: the function's source, evaluated without this module's scope.
    const copy = (0, eval)(`(${colorMatchExpression.toString()})`) as typeof colorMatchExpression;
    expect(copy(cols, styling, colorOf)).toEqual(colorMatchExpression(cols, styling, colorOf));
  });
});
