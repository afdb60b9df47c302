import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  NNBSP,
  SUPPRESSED_LABEL,
  formatBytes,
  formatDate,
  formatGap,
  formatInterval,
  formatMeasure,
  formatNumber,
  formatPercent,
  formatWithUnit,
  territoryLabel,
} from '.';

/** Writes the narrow no-break space visibly so expectations are readable. */
const v = (s: string) => s.replaceAll(NNBSP, '␣');

describe('fr-FR numbers', () => {
  it('groups thousands with a narrow no-break space and uses a decimal comma', () => {
    expect(v(formatNumber(1234567.891))).toBe('1␣234␣568');
    expect(v(formatNumber(1234567.891, { decimals: 2 }))).toBe('1␣234␣567,89');
    expect(v(formatNumber(12.5, { decimals: 2 }))).toBe('12,50');
    expect(v(formatNumber(12.5, { decimals: 2, trim: true }))).toBe('12,5');
    expect(formatNumber(999)).toBe('999');
  });

  it('never writes minus zero and shows signs when asked', () => {
    expect(formatNumber(-0.0001, { decimals: 1 })).toBe('0,0');
    expect(formatNumber(-0.0001)).toBe('0');
    expect(formatNumber(-3.24, { decimals: 1, signed: true })).toBe('-3,2');
    expect(formatNumber(3.25, { decimals: 1, signed: true })).toBe('+3,3');
    expect(formatNumber(0, { signed: true })).toBe('0');
  });

  it('writes gaps with a sign and a true minus', () => {
    expect(formatGap(12.34, 1)).toBe('+12,3');
    expect(v(formatGap(-1234, 0))).toBe('\u22121␣234');
    expect(formatGap(-0.01, 1)).toBe('0,0');
  });

  it('writes missing values as a dash', () => {
    expect(formatNumber(null)).toBe('—');
    expect(formatNumber(Number.NaN)).toBe('—');
    expect(formatPercent(undefined)).toBe('—');
  });

  it('writes percentages and units after a narrow no-break space', () => {
    expect(v(formatPercent(23.456))).toBe('23,5␣%');
    expect(v(formatWithUnit(12.34, 'pour 100 000 habitants', 1))).toBe(
      '12,3␣pour␣100␣000␣habitants',
    );
    expect(v(formatWithUnit(41.04, '%', 1))).toBe('41,0␣%');
    expect(v(formatWithUnit(5400, 'réclamations'))).toBe('5␣400␣réclamations');
  });

  it('writes the confidentiality label for a suppressed value, whatever the value', () => {
    expect(formatMeasure(3, true, 'réclamations', 0)).toBe(SUPPRESSED_LABEL);
    expect(v(formatMeasure(7, false, 'réclamations', 0))).toBe('7␣réclamations');
  });

  it('writes intervals with a semicolon', () => {
    expect(v(formatInterval(12.31, 14.55, 1))).toBe('[12,3␣;␣14,6]');
    expect(formatInterval(null, 3)).toBe('—');
  });

  it('writes sizes in French byte units', () => {
    expect(v(formatBytes(512))).toBe('512␣o');
    expect(v(formatBytes(1_234_567))).toBe('1,2␣Mo');
    expect(v(formatBytes(250_000))).toBe('250␣ko');
    expect(v(formatBytes(1_000))).toBe('1␣ko');
  });

  it('round-trips any integer through its French text', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), (n) => {
        const text = formatNumber(n);
        expect(text).not.toMatch(/[ \u00a0]/);
        expect(Number(text.replaceAll(NNBSP, ''))).toBe(n);
      }),
    );
  });
});

describe('fr-FR dates', () => {
  it('writes the first of the month as "1er"', () => {
    expect(formatDate('2021-02-01')).toBe('1er février 2021');
    expect(formatDate(new Date(Date.UTC(2015, 10, 26)))).toBe('26 novembre 2015');
    expect(formatDate('pas une date')).toBe('—');
  });
});

describe('territory labels', () => {
  it('adds the code where names are ambiguous', () => {
    expect(territoryLabel({ level: 'departement', code: '93', name: 'Seine-Saint-Denis' })).toBe(
      'Seine-Saint-Denis (93)',
    );
    expect(territoryLabel({ level: 'commune', code: '94041', name: 'L’Haÿ-les-Roses' })).toBe(
      'L’Haÿ-les-Roses (94041)',
    );
    expect(territoryLabel({ level: 'region', code: '11', name: 'Île-de-France' })).toBe(
      'Île-de-France',
    );
    expect(territoryLabel({ level: 'qpv', code: 'QPDEMO0001', name: 'Les Cèdres' })).toBe(
      'QPV Les Cèdres (QPDEMO0001)',
    );
    expect(territoryLabel({ level: 'france', code: 'FR' })).toBe('France');
    expect(territoryLabel({ level: 'epci', code: '200057867', name: null })).toBe('EPCI 200057867');
  });
});
