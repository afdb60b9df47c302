import { describe, expect, it } from 'vitest';
import { LOADABLE_TABLES, detectTable } from './detect';
import { decodeText } from './sniff';
import { parseRecords } from './csv-parse';
import { templateCsv, templateNotice } from './template';

describe('CSV templates', () => {
  it.each(LOADABLE_TABLES)('the %s template is recognised as its table', (table) => {
    const { text } = decodeText(new TextEncoder().encode(templateCsv(table)));
    expect(detectTable(parseRecords(text, ';').records[0] ?? []).table).toBe(table);
    expect(templateNotice(table)).toContain('obligatoire');
  });
});
