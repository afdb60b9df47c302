import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { Table as ArrowTable, Utf8, tableToIPC, vectorFromArray } from 'apache-arrow';
import * as pq from 'parquet-wasm';
import path from 'node:path';
import { createNodeConnector, loadDatasetFromDir } from '../db/node';
import type { Connector } from '../db/connector';
import { lockEngine } from '../db/load-tables';
import { loadOwnFile, prepareOwnFile, type LoadOutcome } from './load-own';

const FIXTURES = path.resolve(__dirname, '../../data/fixtures');
let db: Connector;

beforeAll(async () => {
  db = await createNodeConnector();
  await loadDatasetFromDir(db, FIXTURES);
  // As in the app: after the first load no query may reach a file or a URL, nor change that.
  // Own files (and the demo reload before each test) must still load through Arrow.
  await lockEngine(db);
});
beforeEach(async () => {
  await loadDatasetFromDir(db, FIXTURES);
});
afterAll(() => db.close());

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
const latin1 = (text: string): Uint8Array => Uint8Array.from([...text].map((c) => c.charCodeAt(0)));

async function total(table: string, column = '*'): Promise<string> {
  const t = await db.query(`SELECT count(${column}) AS n FROM ${table}`);
  return String(t.getChild('n')?.get(0));
}

async function load(name: string, bytes: Uint8Array, choices = {}): Promise<LoadOutcome> {
  return loadOwnFile(db, await prepareOwnFile(name, bytes), choices);
}

function messages(outcome: LoadOutcome): string[] {
  return outcome.ok ? [] : outcome.problems.map((p) => p.message);
}

const CASES_HEADER = 'year;month;commune_code;qpv_code;criterion;domain;channel;count';

describe('own CSV files', () => {
  it('aggregates a valid French CSV at the finest grain into whole cells, never masked', async () => {
    const csv = `${CASES_HEADER}\n2024;1;93066;QN09337M;handicap;emploi_prive;siege;2\n2024;1;93066;;handicap;emploi_prive;siege;30\n`;
    const outcome = await load('mes-reclamations.csv', utf8(csv));
    expect(outcome).toMatchObject({ ok: true, table: 'cases_grain', rows: 2 });
    const cells = async (where: string): Promise<unknown[]> =>
      (await db.query(`SELECT "count", suppressed FROM cases WHERE ${where}`))
        .toArray()
        .map((r: { toJSON(): unknown }) => r.toJSON());
    // The owner sees every figure of their own file, small ones included.
    expect(await cells("level = 'qpv' AND code = 'QN09337M'")).toEqual([
      { count: 2, suppressed: false },
    ]);
    expect(await cells("level = 'commune' AND code = '93066' AND part = 'tous'")).toEqual([
      { count: 32, suppressed: false },
    ]);
    expect(
      await cells(
        "level = 'departement' AND code = '93' AND part = 'qpv' AND dimension = 'criterion'",
      ),
    ).toEqual([{ count: 2, suppressed: false }]);
    const t = await db.query(`SELECT any_value(typeof("count")) AS ty FROM cases`);
    expect(String(t.getChild('ty')?.get(0))).toBe('INTEGER');
    // Staging tables are gone.
    const staging = await db.query(
      "SELECT count(*) AS n FROM duckdb_tables() WHERE table_name LIKE '__own%'",
    );
    expect(Number(staging.getChild('n')?.get(0))).toBe(0);
  });

  it('loads a Latin-1 `;` CSV with decimal commas (services: coordinates)', async () => {
    const csv =
      'id;type;name;commune_code;lon;lat;opened;closed;synthetic\n' +
      'FS-1;france_services;France services de Liévin;62510;2,78;50,42;15/01/2020;;vrai\n' +
      'FS-2;france_services;Maison de Lens – centre;62498;2,83;50,43;2021-03-01;;faux\n';
    const outcome = await load('lieux.csv', latin1(csv.replace('–', '-')));
    expect(outcome).toMatchObject({ ok: true, table: 'services', rows: 2 });
    if (outcome.ok) expect(outcome.notes.join(' ')).toMatch(/Windows-1252/);
    const t = await db.query("SELECT name, lon, opened FROM services WHERE id = 'FS-1'");
    expect(t.getChild('name')?.get(0)).toBe('France services de Liévin');
    expect(t.getChild('lon')?.get(0)).toBe(2.78);
  });

  it('refuses wrong types with column, lines and expectation, and keeps the data', async () => {
    const before = await total('cases');
    const csv = `${CASES_HEADER}\n2024;1;93066;;handicap;emploi_prive;siege;douze\n2024;1;93001;;handicap;emploi_prive;siege;1.5\n`;
    const outcome = await load('bad.csv', utf8(csv));
    expect(outcome.ok).toBe(false);
    const [message, ...others] = messages(outcome);
    expect(others).toEqual([]);
    expect(message).toMatch(
      /^Colonne « count » : 2 lignes \(2, 3\) ne contiennent pas un nombre entier\. Valeurs lues : /,
    );
    expect(message).toContain('« douze »');
    expect(message).toContain('« 1.5 »');
    expect(await total('cases')).toBe(before);
  });

  it('refuses a QPV code that was not in force in the row’s year', async () => {
    const csv = `${CASES_HEADER}\n2023;1;93066;QN09337M;handicap;emploi_prive;siege;2\n`;
    expect(messages(await load('liste.csv', utf8(csv))).join('\n')).toMatch(
      /Colonne « qpv_code » : 1 ligne \(2\) cite un QPV qui n’était pas en vigueur cette année-là \(« QN09337M en 2023 »\)/,
    );
  });

  it('refuses unknown codes: code lists and codes absent from territories', async () => {
    const csv = `${CASES_HEADER}\n2024;1;99999;;handicap;emploi_prive;siege;10\n2024;1;93066;;couleur;emploi_prive;siege;10\n`;
    const outcome = await load('codes.csv', utf8(csv));
    const text = messages(outcome).join('\n');
    expect(text).toMatch(/Colonne « criterion » : 1 ligne \(3\) a un code inconnu \(« couleur »\)/);
    expect(text).toMatch(
      /Colonne « commune_code » : 1 ligne \(2\) a un code de commune absent du référentiel.*« 99999 »/,
    );
  });

  it('refuses negative counts, recipients above eligible and duplicate keys', async () => {
    const negative = await load(
      'neg.csv',
      utf8(`${CASES_HEADER}\n2024;1;93066;;handicap;emploi_prive;siege;-3\n`),
    );
    expect(messages(negative)[0]).toMatch(
      /Colonne « count » : 1 ligne \(2\) a un nombre négatif \(« -3 »\)/,
    );

    const nr =
      'year,commune_code,qpv_code,benefit,eligible,recipients\n2024,93066,,rsa,100,120\n2024,93066,,rsa,50,20\n';
    const text = messages(await load('nr.csv', utf8(nr))).join('\n');
    expect(text).toMatch(/plus de bénéficiaires que d’éligibles/);
    expect(text).toMatch(/Doublons : 2 lignes \(2, 3\)/);
  });

  it('lists the first five lines and the count when many rows are wrong', async () => {
    const rows = Array.from(
      { length: 8 },
      (_, i) => `2024;${i + 1};93066;;handicap;emploi_prive;siege;-1`,
    );
    const outcome = await load('many.csv', utf8(`${CASES_HEADER}\n${rows.join('\n')}\n`));
    expect(messages(outcome)[0]).toMatch(/8 lignes \(premières : 2, 3, 4, 5, 6\)/);
  });

  it('names missing columns and the table it looked like', async () => {
    const outcome = await load(
      'x.csv',
      utf8('year;commune_code;criterion;domain;nombre\n2024;93066;handicap;logement;3\n'),
    );
    expect(messages(outcome)[0]).toMatch(
      /Colonnes manquantes pour la table « Réclamations pour discrimination \(grain fin, interne\) » \(cases_grain\) : channel, count/,
    );
  });

  it('takes the user’s decimal choice when the file is ambiguous', async () => {
    const csv =
      'id;type;name;commune_code;lon;lat;opened;synthetic\nA;msap;A;62498;2.834;50.432;2020-01-01;true\n';
    const prepared = await prepareOwnFile('a.csv', utf8(csv));
    expect(prepared.csv?.decimalAmbiguous).toBe(true);
    const outcome = await loadOwnFile(db, prepared, { decimal: '.' });
    expect(outcome.ok).toBe(true);
    const t = await db.query("SELECT lon FROM services WHERE id = 'A'");
    expect(t.getChild('lon')?.get(0)).toBe(2.834);
  });
});

describe('own Parquet files', () => {
  it('loads a territories file, checking its parent codes against itself', async () => {
    const bytes = new Uint8Array(readFileSync(path.join(FIXTURES, 'territories.parquet')));
    expect(await load('territoires.parquet', bytes)).toMatchObject({
      ok: true,
      table: 'territories',
    });
  });

  it('accepts a Parquet file with its own types (timestamps for dates, BIGINT counts)', async () => {
    await db.exec(
      "CREATE OR REPLACE TABLE __src AS SELECT 'S1' AS id, 'msap' AS type, 'Lens' AS name, '62498' AS commune_code, 2.83 AS lon, 50.43 AS lat, TIMESTAMP '2020-01-02 00:00:00' AS opened, NULL::DATE AS closed, true AS synthetic",
    );
    const ipc = await db.queryIPC('SELECT * FROM __src');
    await db.exec('DROP TABLE __src');
    const pq = await import('parquet-wasm');
    const bytes = pq.writeParquet(pq.Table.fromIPCStream(ipc));
    expect(await load('lieux.parquet', bytes)).toMatchObject({
      ok: true,
      table: 'services',
      rows: 1,
    });
    const t = await db.query("SELECT CAST(opened AS VARCHAR) AS d FROM services WHERE id = 'S1'");
    expect(t.getChild('d')?.get(0)).toBe('2020-01-02');
  });

  it('loads the fixture’s own Parquet and rejects a truncated copy, keeping the data', async () => {
    const bytes = new Uint8Array(readFileSync(path.join(FIXTURES, 'non_recours.parquet')));
    const ok = await load('non_recours.parquet', bytes);
    const rows = (await db.query('SELECT count(*) AS n FROM non_recours')).getChild('n')?.get(0);
    expect(ok).toMatchObject({ ok: true, table: 'non_recours', rows: Number(rows) });

    const before = await total('non_recours');
    const truncated = await load(
      'tronque.parquet',
      bytes.subarray(0, Math.floor(bytes.length / 2)),
    );
    expect(messages(truncated)[0]).toMatch(/illisible.*tronqué ou corrompu/);
    expect(await total('non_recours')).toBe(before);
  });
});

describe('own files at scale and in odd encodings', () => {
  const SERVICES_HEADER = 'id;type;name;commune_code;lon;lat;opened;closed;synthetic';
  const place = (i: number): string =>
    `FS-${i};france_services;Maison de l’Île n° ${i};62510;2,78;50,42;15/01/2020;;vrai`;

  it('reads a UTF-16 LE file with its BOM, accents and apostrophes intact', async () => {
    const text = `${SERVICES_HEADER}\n${place(1)}\n`;
    const body = new Uint8Array(2 + text.length * 2);
    body.set([0xff, 0xfe]);
    for (let i = 0; i < text.length; i++) {
      body[2 + 2 * i] = text.charCodeAt(i) & 0xff;
      body[3 + 2 * i] = text.charCodeAt(i) >> 8;
    }
    expect(await load('unicode.csv', body)).toMatchObject({ ok: true, table: 'services' });
    const t = await db.query("SELECT name FROM services WHERE id = 'FS-1'");
    expect(t.getChild('name')?.get(0)).toBe('Maison de l’Île n° 1');
  });

  it('says a file mixing UTF-8 and Windows-1252 past its first bytes is not all UTF-8', async () => {
    const head = Array.from({ length: 4000 }, (_, i) => place(i)).join('\n');
    const bytes = new Uint8Array([
      ...utf8(`${SERVICES_HEADER}\n${head}\n`),
      ...latin1('FS-X;france_services;Liévin;62510;2,78;50,42;15/01/2020;;vrai\n'),
    ]);
    expect(messages(await load('mixte.csv', bytes)).join('\n')).toMatch(
      /n’est pas entièrement en UTF-8 \(ligne 4.?002\).*Réenregistrez-le en « CSV UTF-8 »/,
    );
  });

  it('counts the lines of values written on two lines, as a text editor shows them', async () => {
    const twoLines = (i: number): string =>
      `FS-${i};france_services;"Maison\r\nsur deux lignes";62510;2,78;50,42;15/01/2020;;vrai`;
    const csv = `${SERVICES_HEADER}\r\n${twoLines(1)}\r\n${twoLines(2)}\r\nFS-3;mairie;Lens;62498;2,83;50,43;01/03/2021;;vrai\r\n`;
    expect(messages(await load('lignes.csv', utf8(csv)))).toEqual([
      expect.stringMatching(/^Colonne « type » : 1 ligne \(6\) a un code inconnu \(« mairie »\)/),
    ]);
  });

  it('gives one message for an unknown QPV code, not two', async () => {
    const csv = `${CASES_HEADER}\n2024;1;93066;QN00000X;handicap;emploi_prive;siege;2\n`;
    expect(messages(await load('qpv.csv', utf8(csv)))).toEqual([
      'Colonne « qpv_code » : 1 ligne (2) a un code de QPV absent du référentiel des territoires chargé (« QN00000X »).',
    ]);
  });

  it('refuses before reading a file larger than the memory budget, and keeps the data', async () => {
    const before = await total('services');
    const file = await prepareOwnFile('gros.csv', utf8(`${SERVICES_HEADER}\n${place(1)}\n`));
    const outcome = await loadOwnFile(db, file, {}, { memoryBudget: 100 });
    expect(messages(outcome)[0]).toMatch(
      /^Le fichier est trop volumineux pour la mémoire de ce navigateur \(0 Mo ; au plus 0 Mo environ ici\)/,
    );
    expect(await total('services')).toBe(before);
  });

  it('stops when cancelled, leaves no staging table and keeps the data', async () => {
    const before = await total('services');
    const rows = Array.from({ length: 5000 }, (_, i) => place(i)).join('\n');
    const controller = new AbortController();
    const steps: string[] = [];
    const outcome = await loadOwnFile(
      db,
      await prepareOwnFile('annule.csv', utf8(`${SERVICES_HEADER}\n${rows}\n`)),
      {},
      {
        signal: controller.signal,
        onProgress: (p) => {
          steps.push(p.step);
          if (p.step.startsWith('Vérification (1/')) controller.abort();
        },
      },
    );
    expect(outcome).toMatchObject({ ok: false, cancelled: true, problems: [] });
    expect(steps[0]).toMatch(/^Lecture du fichier/);
    expect(await total('services')).toBe(before);
    const staging = await db.query(
      "SELECT count(*) AS n FROM duckdb_tables() WHERE table_name LIKE '__own%'",
    );
    expect(Number(staging.getChild('n')?.get(0))).toBe(0);
  });
});

describe('an engine out of memory', () => {
  let small: Connector;
  beforeAll(async () => {
    small = await createNodeConnector();
    await loadDatasetFromDir(small, FIXTURES);
    // DuckDB-WASM cannot spill to disk: past its memory limit a statement fails.
    await small.exec("SET memory_limit = '40MB'");
    await lockEngine(small);
  });
  afterAll(() => small.close());

  it('says the file is too large for the memory, not that it is corrupt', async () => {
    const rows = Array.from(
      { length: 200_000 },
      (_, i) =>
        `FS-${i};france_services;Maison France services numéro ${i} de la commune;62510;2,78;50,42;15/01/2020;;vrai`,
    );
    const csv = utf8(
      `id;type;name;commune_code;lon;lat;opened;closed;synthetic\n${rows.join('\n')}\n`,
    );
    const before = await small.query('SELECT count(*) AS n FROM services');
    const outcome = await loadOwnFile(small, await prepareOwnFile('enorme.csv', csv));
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.detail).toMatch(/Out of Memory Error/);
    expect(outcome.problems.map((p) => p.message)).toEqual([
      expect.stringMatching(
        /^Le fichier est trop volumineux pour la mémoire de ce navigateur \(\d+(,\d)? Mo\)/,
      ),
    ]);
    const after = await small.query('SELECT count(*) AS n FROM services');
    expect(String(after.getChild('n')?.get(0))).toBe(String(before.getChild('n')?.get(0)));
  });

  it('says a Parquet file too large for the memory is too large, not « tronqué ou corrompu »', async () => {
    // 300,000 places written with parquet-wasm: a few MB compressed, far more once decoded.
    const n = 300_000;
    const ids = Array.from({ length: n }, (_, i) => `FS-${i}`);
    const table = new ArrowTable({
      id: vectorFromArray(ids, new Utf8()),
      type: vectorFromArray(
        ids.map(() => 'france_services'),
        new Utf8(),
      ),
      name: vectorFromArray(
        ids.map((id) => `Maison France services ${id}`),
        new Utf8(),
      ),
      commune_code: vectorFromArray(
        ids.map(() => '62510'),
        new Utf8(),
      ),
      lon: vectorFromArray(ids.map(() => 2.78)),
      lat: vectorFromArray(ids.map(() => 50.42)),
      opened: vectorFromArray(
        ids.map(() => '2020-01-15'),
        new Utf8(),
      ),
      synthetic: vectorFromArray(ids.map(() => true)),
    });
    const parquet = pq.writeParquet(pq.Table.fromIPCStream(tableToIPC(table, 'stream')));
    const outcome = await loadOwnFile(small, await prepareOwnFile('enorme.parquet', parquet));
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.detail).toMatch(/Out of Memory/);
    expect(outcome.problems.map((p) => p.message).join('\n')).toMatch(
      /^Le fichier est trop volumineux pour la mémoire de ce navigateur/,
    );
    expect(outcome.problems.map((p) => p.message).join('\n')).not.toMatch(/corrompu/);
  });
});
