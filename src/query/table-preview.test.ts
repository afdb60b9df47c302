import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { TABLES, type DatasetManifest } from '../catalogue';
import type { Connector } from '../db/connector';
import { createNodeConnector, loadDatasetFromDir } from '../db/node';
import { previewTable, tableRowCount } from './table-preview';

const FIXTURES = path.resolve(__dirname, '../../data/fixtures');
const manifest = JSON.parse(
  fs.readFileSync(path.join(FIXTURES, 'manifest.json'), 'utf8'),
) as DatasetManifest;
let db: Connector;

beforeAll(async () => {
  db = await createNodeConnector();
  await loadDatasetFromDir(db, FIXTURES);
});
afterAll(() => db.close());

describe('Données queries', () => {
  it('quote the table name as an identifier', () => {
    expect(previewTable('cases')).toBe('SELECT * FROM "cases" LIMIT 5');
    expect(previewTable('a"; DROP TABLE cases; --', 2)).toBe(
      'SELECT * FROM "a""; DROP TABLE cases; --" LIMIT 2',
    );
    expect(() => previewTable('cases', 2.5)).toThrow();
  });

  it('count every table of the manifest as the manifest says, and preview its columns', async () => {
    for (const t of manifest.tables) {
      const count = await db.query(tableRowCount(t.name));
      expect(count.getChild('rows')?.get(0), t.name).toBe(t.rows);
      const preview = await db.query(previewTable(t.name));
      expect(preview.numRows).toBe(Math.min(5, t.rows));
      expect(preview.schema.fields.map((f) => f.name)).toEqual(
        TABLES[t.name].columns.map((c) => c.name),
      );
    }
  });

  it('fail (not hang) on a table that does not exist', async () => {
    await expect(db.query(previewTable('absente'))).rejects.toThrow(/absente/);
  });
});
