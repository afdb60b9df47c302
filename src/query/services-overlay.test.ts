import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import type { Connector } from '../db/connector';
import { createNodeConnector, loadDatasetFromDir } from '../db/node';
import { servicesOpenAt } from './services-overlay';

const FIXTURES = path.resolve(import.meta.dirname, '../../data/fixtures');
let db: Connector;

beforeAll(async () => {
  db = await createNodeConnector();
  await loadDatasetFromDir(db, FIXTURES, () => undefined);
});
afterAll(() => db.close());

describe('servicesOpenAt', () => {
  it('lists the France services and MSAP open at the end of a year, with positions', async () => {
    const late = await db.query(servicesOpenAt(2024));
    const early = await db.query(servicesOpenAt(2015));
    expect(late.numRows).toBeGreaterThan(0);
    expect(early.numRows).toBeLessThanOrEqual(late.numRows);
    expect(late.schema.fields.map((f) => f.name)).toEqual([
      'id',
      'type',
      'name',
      'commune_code',
      'lon',
      'lat',
    ]);
    const types = new Set(late.getChild('type')?.toArray() as string[]);
    expect([...types].every((t) => t === 'france_services' || t === 'msap')).toBe(true);
  });
  it('refuses a year that is not an integer', () => {
    expect(() => servicesOpenAt(2024.5)).toThrow();
  });
});
