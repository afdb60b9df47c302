/**
 * The map's slices of the all-types, all-years result are the standalone queries it stands for
 * (DuckDB-WASM's Node build over the fixtures): same columns, same rows, for every territory
 * type and year, including a type absent from the result.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import type { Table } from 'apache-arrow';
import { createNodeConnector, loadDatasetFromDir } from '../../db/node';
import type { Connector } from '../../db/connector';
import { FIRST_YEAR, LAST_YEAR, findIndicator } from '../../catalogue';
import { mapQueries, NO_FILTERS } from '../../query';
import { TERRITORY_TYPES } from '../../state/app-state';
import { slicePartYear } from './use-map-result';

const FIXTURES = path.resolve(__dirname, '../../../data/fixtures');
let db: Connector;
beforeAll(async () => {
  db = await createNodeConnector();
  await loadDatasetFromDir(db, FIXTURES);
});
afterAll(() => db.close());

const json = (t: Table): unknown[] => t.toArray().map((r: { toJSON(): unknown }) => r.toJSON());

describe('slicePartYear', () => {
  it('cuts the standalone result of every type and year out of the map’s one query', async () => {
    const ind = findIndicator('reclamations_taux');
    if (!ind) throw new Error('reclamations_taux');
    const filters = { ...NO_FILTERS, criterion: 'origine' as const };
    const { run, sliced } = mapQueries(ind, 'departement', FIRST_YEAR, filters);
    expect(sliced).toBe(true);
    const all = await db.query(run);
    for (const type of TERRITORY_TYPES) {
      for (const year of [FIRST_YEAR, 2020, LAST_YEAR]) {
        const q = mapQueries(ind, 'departement', year, { ...filters, territoryType: type });
        // Every type and year is the same query: the one already run.
        expect(q.run).toBe(run);
        const one = await db.query(q.single);
        const slice = slicePartYear(all, type, year);
        expect(slice.schema.fields.map((f) => f.name)).toEqual(
          one.schema.fields.map((f) => f.name),
        );
        // The ZRR parts exist only from 2017 to 2024.
        const exists = !(type === 'zrr' || type === 'hors_zrr') || year >= 2017;
        expect(slice.numRows > 0).toBe(exists);
        expect(json(slice)).toEqual(json(one));
      }
    }
    // A year outside the result gives no row, not another year's.
    expect(slicePartYear(all, 'qpv', LAST_YEAR + 1).numRows).toBe(0);
  });
});
