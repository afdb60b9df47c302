/**
 * « Revenir aux données de démonstration » is all or nothing, with the real engine and real HTTP:
 * with one file unreachable or malformed, every table stays exactly as it was (the own files
 * included) and the message says so; with every file served, every own table is the demo's again.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { TABLE_NAMES, type DatasetManifest } from '../catalogue';
import { createNodeConnector, loadDatasetFromDir } from '../db/node';
import type { Connector } from '../db/connector';
import { lockEngine } from '../db/load-tables';
import { loadOwnFile, prepareOwnFile } from './load-own';
import { restoreManifestTables } from './restore';

const FIXTURES = path.resolve(__dirname, '../../data/fixtures');
const manifest = JSON.parse(
  readFileSync(path.join(FIXTURES, 'manifest.json'), 'utf8'),
) as DatasetManifest;
let db: Connector;
let server: Server;
let root = '';
/** What the server does with each file: serve it, answer 404, or serve broken bytes. */
const broken = new Map<string, 'missing' | 'corrupt'>();

beforeAll(async () => {
  server = createServer((req, res) => {
    const name = path.basename(req.url ?? '');
    const fault = broken.get(name);
    if (fault === 'missing') {
      res.writeHead(404).end();
      return;
    }
    readFile(path.join(FIXTURES, name)).then(
      (bytes) => res.writeHead(200).end(fault === 'corrupt' ? bytes.subarray(0, 200) : bytes),
      () => res.writeHead(404).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  root = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  db = await createNodeConnector();
  await loadDatasetFromDir(db, FIXTURES);
  await lockEngine(db);
});
afterAll(async () => {
  await db.close();
  await new Promise((resolve) => server.close(resolve));
});

const CASES =
  'year;month;commune_code;qpv_code;criterion;domain;channel;count\n2024;1;93066;;handicap;logement;siege;500\n';
const SERVICES =
  'id;type;name;commune_code;lon;lat;opened;closed;synthetic\nFS-1;france_services;Liévin;62510;2.78;50.42;2020-01-15;;false\n';

async function own(name: string, text: string): Promise<void> {
  const outcome = await loadOwnFile(db, await prepareOwnFile(name, new TextEncoder().encode(text)));
  if (!outcome.ok) throw new Error(outcome.detail);
}

/** Row count and a hash of every row, per table. */
async function fingerprint(): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const t of TABLE_NAMES) {
    const r = await db.query(`SELECT count(*) || ':' || sum(hash(x)::HUGEINT) AS f FROM ${t} x`);
    out[t] = String(r.getChild('f')?.get(0));
  }
  return out;
}

async function leftovers(): Promise<number> {
  const r = await db.query(
    "SELECT count(*) AS n FROM duckdb_tables() WHERE table_name LIKE '__next%' OR table_name LIKE '__staging%'",
  );
  return Number(r.getChild('n')?.get(0));
}

let demo: Record<string, string>;

beforeEach(async () => {
  broken.clear();
  await loadDatasetFromDir(db, FIXTURES);
  demo ??= await fingerprint();
  await own('mes-reclamations.csv', CASES);
  await own('lieux.csv', SERVICES);
});

describe('return to the demonstration data', () => {
  it.each([
    ['services.parquet unreachable', 'missing'],
    ['services.parquet malformed', 'corrupt'],
  ] as const)('%s: every table as before, and the message says so', async (_, fault) => {
    const before = await fingerprint();
    expect(before.cases).not.toBe(demo.cases);
    expect(before.services).not.toBe(demo.services);
    broken.set('services.parquet', fault);
    const outcome = await restoreManifestTables(db, manifest, root, ['cases', 'services']);
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) {
      expect(outcome.kept).toBe(true);
      expect(outcome.message).toMatch(/les données précédentes sont conservées/);
      expect(outcome.message).toMatch(/services\.parquet/);
    }
    expect(await fingerprint()).toEqual(before);
    expect(await leftovers()).toBe(0);
  });

  it('every file served: every table is the demo’s again', async () => {
    const outcome = await restoreManifestTables(db, manifest, root, ['cases', 'services']);
    expect(outcome).toEqual({ ok: true, tables: ['cases', 'services'] });
    expect(await fingerprint()).toEqual(demo);
    expect(await leftovers()).toBe(0);
  });

  it('by default reloads every table of the manifest', async () => {
    const outcome = await restoreManifestTables(db, manifest, root);
    // The whole outcome: a failure shows its message and detail (it failed once under load 15–20
    // with only « ok: false » to read).
    expect(outcome).toEqual({ ok: true, tables: manifest.tables.map((t) => t.name) });
    expect(await fingerprint()).toEqual(demo);
  });
});
