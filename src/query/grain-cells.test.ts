import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TERRITORIES, columnsDdl, CASES_GRAIN, NON_RECOURS_GRAIN } from '../catalogue/schema';
import type { Connector } from '../db/connector';
import { createNodeConnector } from '../db/node';
import { cellsFromGrainSql, qpvPiecesSql } from './grain-cells';

/**
 * A hand-made world: two départements of one région; EPCI E1 = c1, c2 (93); E2 = c3 (94);
 * c1 urban in the Plaine Commune site, c2 rural FRR and ZRR, c3 urban. QPV QP093001 (2015 list,
 * c1 and c3) and QN09301M (2024 list, c1 only).
 */
const TERRITORY_ROWS: Record<string, unknown>[] = [
  { level: 'france', code: 'FR', name: 'France' },
  { level: 'region', code: '11', name: 'Île-de-France', region_code: '11' },
  { level: 'departement', code: '93', name: 'Seine-Saint-Denis', region_code: '11' },
  { level: 'departement', code: '94', name: 'Val-de-Marne', region_code: '11' },
  ...[
    ['c1', '93', 'E1', 'dense', 'non_classee', 'non_classee', 'plaine_commune'],
    ['c2', '93', 'E1', 'peu_dense', 'frr_socle', 'classee', null],
    ['c3', '94', 'E2', 'intermediaire', 'non_classee', 'non_classee', null],
  ].map(([code, dep, epci, rurality, frr, zrr, site]) => ({
    level: 'commune',
    code,
    name: code,
    region_code: '11',
    departement_code: dep,
    epci_code: epci,
    rurality,
    frr,
    zrr,
    site,
  })),
  {
    level: 'qpv',
    code: 'QP093001',
    name: 'Q 2015',
    commune_code: 'c1',
    communes: 'c1;c3',
    qpv_list: '2015',
    valid_from: 2015,
    valid_to: 2023,
  },
  {
    level: 'qpv',
    code: 'QN09301M',
    name: 'Q 2024',
    commune_code: 'c1',
    communes: 'c1',
    qpv_list: '2024',
    valid_from: 2024,
    valid_to: null,
  },
];

const lit = (v: unknown): string =>
  v === null || v === undefined
    ? 'NULL'
    : typeof v === 'number'
      ? String(v)
      : `'${String(v).replaceAll("'", "''")}'`;

let db: Connector;

beforeAll(async () => {
  db = await createNodeConnector();
  await db.exec(`CREATE TABLE territories (${columnsDdl(TERRITORIES)})`);
  for (const row of TERRITORY_ROWS) {
    const cols = TERRITORIES.columns.map((c) => c.name);
    const values = cols.map((c) =>
      row[c] !== undefined
        ? lit(row[c])
        : c === 'population'
          ? '0'
          : c === 'population_synthetic'
            ? 'FALSE'
            : c === 'vintage'
              ? "'test'"
              : 'NULL',
    );
    await db.exec(`INSERT INTO territories VALUES (${values.join(', ')})`);
  }
  await db.exec(`CREATE TABLE cases_grain (${columnsDdl(CASES_GRAIN)})`);
  await db.exec(`INSERT INTO cases_grain VALUES
    (2023, 1, 'c1', 'QP093001', 'origine', 'logement', 'delegues', 3),
    (2023, 2, 'c1', NULL, 'handicap', 'logement', 'siege', 2),
    (2023, 2, 'c2', NULL, 'origine', 'emploi_prive', 'delegues', 4),
    (2023, 3, 'c3', 'QP093001', 'age', 'emploi_prive', 'delegues', 1),
    (2023, 3, 'c3', NULL, 'age', 'emploi_prive', 'delegues', 6),
    (2024, 1, 'c1', 'QN09301M', 'origine', 'logement', 'delegues', 2),
    (2024, 1, 'c3', NULL, 'origine', 'logement', 'delegues', 5)`);
  await db.exec(`CREATE TABLE non_recours_grain (${columnsDdl(NON_RECOURS_GRAIN)})`);
  await db.exec(`INSERT INTO non_recours_grain VALUES
    (2024, 'c1', 'QN09301M', 'rsa', 100, 70),
    (2024, 'c1', NULL, 'rsa', 200, 150),
    (2024, 'c2', NULL, 'rsa', 20, 10),
    (2024, 'c2', NULL, 'aspa', 30, 12)`);
});

afterAll(async () => {
  await db.close();
});

async function cells(table: 'cases' | 'non_recours'): Promise<Record<string, unknown>[]> {
  const t = await db.query(cellsFromGrainSql(table, `${table}_grain`));
  return t.toArray().map((r) => ({ ...(r as { toJSON(): Record<string, unknown> }).toJSON() }));
}

const find = (
  rows: Record<string, unknown>[],
  key: Partial<Record<string, unknown>>,
): Record<string, unknown>[] =>
  rows.filter((r) => Object.entries(key).every(([k, v]) => r[k] === v));

describe('cellsFromGrainSql', () => {
  it('sums the claims at every level and part, and splits communes only where a QPV is in force', async () => {
    const rows = await cells('cases');
    const total = (level: string, code: string, part: string, year = 2023): unknown =>
      find(rows, { year, level, code, part, dimension: 'total' })[0]?.count ?? 0;
    expect(total('france', 'FR', 'tous')).toBe(16);
    expect(total('france', 'FR', 'qpv')).toBe(4);
    expect(total('france', 'FR', 'hors_qpv')).toBe(12);
    expect(total('france', 'FR', 'rural')).toBe(4);
    expect(total('france', 'FR', 'urbain')).toBe(12);
    expect(total('france', 'FR', 'frr')).toBe(4);
    expect(total('france', 'FR', 'zrr')).toBe(4);
    expect(total('departement', '93', 'tous')).toBe(9);
    expect(total('epci', 'E2', 'qpv')).toBe(1);
    expect(total('site', 'plaine_commune', 'tous')).toBe(5);
    // c1 has a QPV in both lists; c2 never: its parts are not published.
    expect(total('commune', 'c1', 'qpv')).toBe(3);
    expect(total('commune', 'c1', 'hors_qpv')).toBe(2);
    expect(find(rows, { level: 'commune', code: 'c2', part: 'hors_qpv' })).toEqual([]);
    // c3 has a 2015 QPV (2023) but none in 2024: split in 2023 only.
    expect(total('commune', 'c3', 'hors_qpv')).toBe(6);
    expect(find(rows, { year: 2024, level: 'commune', code: 'c3', part: 'hors_qpv' })).toEqual([]);
    expect(total('qpv', 'QP093001', 'tous')).toBe(4);
    expect(total('qpv', 'QN09301M', 'tous', 2024)).toBe(2);
  });

  it('breaks the claims down by one axis at a time, and only at the breakdown levels', async () => {
    const rows = await cells('cases');
    const origine = find(rows, {
      year: 2023,
      level: 'departement',
      code: '93',
      part: 'tous',
      dimension: 'criterion',
      category: 'origine',
    });
    expect(origine.map((r) => r.count)).toEqual([7]);
    expect(find(rows, { level: 'epci', dimension: 'criterion' })).toEqual([]);
    expect(find(rows, { level: 'commune', dimension: 'domain' })).toEqual([]);
    // Each axis adds up to the total.
    for (const axis of ['criterion', 'domain', 'channel']) {
      const sum = find(rows, {
        year: 2023,
        level: 'france',
        part: 'tous',
        dimension: axis,
      }).reduce((s, r) => s + Number(r.count), 0);
      expect(sum).toBe(16);
    }
    // No ZRR part outside 2017–2024 here, but in 2023 and 2024 it exists; zeros are absent.
    expect(rows.every((r) => Number(r.count) !== 0)).toBe(true);
  });

  it('gives non-recours eligible and non-recipients per benefit', async () => {
    // BIGINT measures arrive as bigint: compared as numbers.
    const rows = (await cells('non_recours')).map((r) => ({
      ...r,
      eligible: Number(r.eligible),
      non_recipients: Number(r.non_recipients),
    }));
    const rsa = find(rows, { level: 'france', part: 'tous', benefit: 'rsa' })[0];
    expect(rsa).toMatchObject({ eligible: 320, non_recipients: 90 });
    expect(find(rows, { level: 'france', part: 'qpv', benefit: 'rsa' })[0]).toMatchObject({
      eligible: 100,
      non_recipients: 30,
    });
    expect(find(rows, { level: 'commune', code: 'c1', part: 'hors_qpv' })[0]).toMatchObject({
      eligible: 200,
      non_recipients: 50,
    });
    expect(find(rows, { level: 'france', part: 'rural', benefit: 'aspa' })[0]).toMatchObject({
      eligible: 30,
      non_recipients: 18,
    });
  });

  it('sums national counts beyond 2^31 (the ×250 bench, or a big real file) exactly', async () => {
    // Each grain row fits the grain's INTEGER; France's sum (3,000,000,200) does not.
    await db.exec(`CREATE TABLE big_grain (${columnsDdl(NON_RECOURS_GRAIN)})`);
    await db.exec(`INSERT INTO big_grain VALUES
      (2024, 'c1', NULL, 'rsa', 1500000000, 1000000000),
      (2024, 'c3', NULL, 'rsa', 1500000000, 1200000000),
      (2024, 'c2', NULL, 'rsa', 200, 100)`);
    const t = await db.query(cellsFromGrainSql('non_recours', 'big_grain'));
    const rows = t.toArray().map((r) => (r as { toJSON(): Record<string, unknown> }).toJSON());
    const fr = find(rows, { level: 'france', part: 'tous', benefit: 'rsa' })[0];
    expect([fr?.eligible, fr?.non_recipients]).toEqual([3_000_000_200n, 800_000_100n]);
    // The published contract's types, so the pipeline writes and the app adopts them as is.
    const types = Object.fromEntries(t.schema.fields.map((f) => [f.name, String(f.type)]));
    expect([types.eligible, types.non_recipients]).toEqual(['Int64', 'Int64']);
    await db.exec('DROP TABLE big_grain');
  });

  it('lists the pieces of QPV spanning several communes', async () => {
    const t = await db.query(qpvPiecesSql('cases', 'cases_grain'));
    const rows = t.toArray().map((r) => (r as { toJSON(): Record<string, unknown> }).toJSON());
    expect(rows.map((r) => [r.year, r.qpv_code, r.commune_code, Number(r.count)])).toEqual([
      [2023, 'QP093001', 'c1', 3],
      [2023, 'QP093001', 'c3', 1],
    ]);
  });
});
