import { describe, expect, it } from 'vitest';
import { detectTable } from './detect';

describe('detectTable', () => {
  it('recognises each loadable table from its columns, whatever the case', () => {
    expect(
      detectTable([
        'year',
        'month',
        'commune_code',
        'qpv_code',
        'criterion',
        'domain',
        'channel',
        'count',
      ]).table,
    ).toBe('cases_grain');
    expect(detectTable(['Year', 'COMMUNE_CODE', 'benefit', 'eligible', 'recipients']).table).toBe(
      'non_recours_grain',
    );
    // Published cells are recognised too (a partner's publication).
    expect(
      detectTable(['year', 'level', 'code', 'part', 'dimension', 'category', 'count', 'suppressed'])
        .table,
    ).toBe('cases');
    expect(
      detectTable(['id', 'type', 'name', 'commune_code', 'lon', 'lat', 'opened', 'synthetic'])
        .table,
    ).toBe('services');
  });
  it('allows nullable columns to be absent and lists extra ones', () => {
    const d = detectTable([
      'year',
      'commune_code',
      'criterion',
      'domain',
      'channel',
      'count',
      'commentaire',
    ]);
    expect(d.table).toBe('cases_grain');
    expect(d.extra).toEqual(['commentaire']);
    expect(d.mapping).toMatchObject({ year: 'year', count: 'count' });
  });
  it('names the missing required columns of the closest table', () => {
    const d = detectTable(['year', 'commune_code', 'criterion', 'domain', 'nombre']);
    expect(d.table).toBeNull();
    expect(d.closest).toBe('cases_grain');
    expect(d.missing).toEqual(['channel', 'count']);
  });
});
