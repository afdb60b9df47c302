import { describe, expect, it } from 'vitest';
import { isSitesEntryUrl } from './entry-urls';

describe('isSitesEntryUrl', () => {
  it('knows Sites and the report in their entry state', () => {
    expect(isSitesEntryUrl('?vue=sites')).toBe(true);
    expect(isSitesEntryUrl('?vue=rapport')).toBe(true);
  });
  it('refuses any other state, whose queries are not prebaked', () => {
    expect(isSitesEntryUrl('')).toBe(false);
    expect(isSitesEntryUrl('?vue=carte')).toBe(false);
    expect(isSitesEntryUrl('?vue=sites&annee=2019')).toBe(false);
    expect(isSitesEntryUrl('?vue=series')).toBe(false);
  });
});
