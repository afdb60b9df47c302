import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  FETCH_RECORD,
  GeodataFetchError,
  fetchGeodata,
  formatSize,
  lineProgress,
  ttyProgress,
  type FetchOptions,
} from './fetch-geodata';
import { dropCsvColumns } from './lib/geodata-content';
import type { ReferenceFile } from './lib/geodata-sources';
import { closedBase, startServer, type TestServer } from './lib/geodata-test-server';

const sha256 = (data: Uint8Array | string): string =>
  crypto.createHash('sha256').update(data).digest('hex');

const ONE = Buffer.from('{"type":"FeatureCollection","features":[]}\n');
const TWO = Buffer.from('code;nom\r\n93066;Saint-Denis\r\n');
// Upstream France services layout: every text field quoted, a comment with a comma, a quote
// and a line break, contacts to remove.
const FS_UPSTREAM =
  '"id_fs","lib_fs","latitude","longitude","mail","telephone","commentaire"\n' +
  '"1","France services de Valserhône",46.1060711578546,5.8260084241619,"a@b.fr","04 50 56 87 49",\n' +
  '"2","Bus ""Vouziers""",49.396479,4.69986,"c@d.fr","03 24 00 00 00","Lundi, mardi\nmercredi"\n';
const FS_TEAM =
  'id_fs,lib_fs,latitude,longitude,commentaire\n' +
  '1,France services de Valserhône,46.1060711578546,5.8260084241619,\n' +
  '2,"Bus ""Vouziers""",49.396479,4.69986,"Lundi, mardi\nmercredi"\n';
const QPV_ENTRY = 'GEOJSON/QP2024_France_Hexagonale_Outre_Mer_WGS84.geojson';
const square = {
  type: 'Polygon',
  coordinates: [
    [
      [2.3, 48.9],
      [2.4, 48.9],
      [2.4, 49],
      [2.3, 48.9],
    ],
  ],
};
const qpvGeojson = (names: string[]): Uint8Array =>
  strToU8(
    JSON.stringify({
      type: 'FeatureCollection',
      features: names.map((n, i) => ({
        type: 'Feature',
        properties: { code_qp: `QN0930${i}M`, lib_qp: n, insee_com: '93066' },
        geometry: square,
      })),
    }),
  );
// A fixed date in the archive: by default fflate stamps each entry with the current time, so two
// archives of the same files made across a 2-second boundary differed (a flaky SHA-256 check).
const ZIP_TIME = new Date(2024, 0, 1);
const qpvZip = (names: string[]): Buffer =>
  Buffer.from(
    zipSync(
      { 'GEOJSON/readme.txt': strToU8('leurre'), [QPV_ENTRY]: qpvGeojson(names) },
      { mtime: ZIP_TIME },
    ),
  );

let server: TestServer;
let dir: string;
let lines: string[];

function files(base: string): ReferenceFile[] {
  return [
    {
      source: 'france-geojson',
      local: 'france-geojson/one.geojson',
      url: `${base}/gh/one.geojson`,
      optional: false,
      verification: { kind: 'sha256', sha256: sha256(ONE) },
    },
    {
      source: 'frr',
      local: 'frr/sub/two.csv',
      url: `${base}/gh/deep/two.csv`,
      optional: false,
      verification: { kind: 'sha256', sha256: sha256(TWO) },
    },
    {
      source: 'france-services',
      local: 'anct-france-services/liste.csv',
      url: `${base}/gh/liste-fs.csv`,
      optional: false,
      transform: { kind: 'drop-csv-columns', columns: ['mail', 'telephone'] },
      verification: { kind: 'sha256', sha256: sha256(FS_TEAM) },
    },
    {
      source: 'qpv-officiels',
      local: 'qpv-officiels-2024.geojson',
      url: `${base}/fr/datasets/r/qpv`,
      optional: true,
      transform: { kind: 'unzip', entry: QPV_ENTRY },
      verification: { kind: 'qpv-geojson', minFeatures: 2 },
    },
  ];
}

const run = (extra: FetchOptions = {}): ReturnType<typeof fetchGeodata> =>
  fetchGeodata({
    dir,
    files: files(server.base),
    progress: lineProgress((l) => lines.push(l)),
    timeoutMs: 5_000,
    ...extra,
  });

const read = (local: string): string => fs.readFileSync(path.join(dir, local), 'utf8');
const gets = (): string[] => server.requests.filter((r) => r.startsWith('GET'));
const partFiles = (): string[] =>
  (fs.readdirSync(dir, { recursive: true }) as string[]).filter((f) => f.endsWith('.part'));

beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'geodata-fetch-'));
  lines = [];
  server.requests.length = 0;
  server.routes.clear();
  server.routes.set('/gh/one.geojson', ONE);
  server.routes.set('/gh/deep/two.csv', TWO);
  server.routes.set('/gh/liste-fs.csv', Buffer.from(FS_UPSTREAM));
  server.routes.set('/fr/datasets/r/qpv', { redirect: '/static/qpv.zip' });
  server.routes.set('/static/qpv.zip', qpvZip(['Franc-Moisin', 'Floréal']));
});

describe('fetchGeodata', () => {
  it('downloads every file to its place, verified, with one French line per file', async () => {
    const summary = await run();
    expect(summary.downloaded).toHaveLength(4);
    expect(summary.warnings).toEqual([]);
    expect(read('france-geojson/one.geojson')).toBe(ONE.toString());
    expect(read('frr/sub/two.csv')).toBe(TWO.toString());
    expect(lines).toHaveLength(4);
    const qpvSize = qpvGeojson(['Franc-Moisin', 'Floréal']).length;
    expect(lines).toContain(`[4/4] qpv-officiels-2024.geojson — ${qpvSize} o`);
    expect(lines.join('\n')).toMatch(/^\[[123]\/4\] one\.geojson — 43 o$/m);
    expect(partFiles()).toEqual([]);
    const record = JSON.parse(read(FETCH_RECORD)) as {
      files: Record<string, { sha256: string; verification: string; url: string }>;
    };
    expect(record.files['frr/sub/two.csv']).toMatchObject({
      sha256: sha256(TWO),
      verification: 'empreinte-connue',
      url: `${server.base}/gh/deep/two.csv`,
    });
  });

  it('refuses a file whose SHA-256 differs, names it and its address, and leaves nothing', async () => {
    server.routes.set(
      '/gh/deep/two.csv',
      Buffer.from('code;nom\r\n93066;Saint-Denis (modifié)\r\n'),
    );
    const err = await run().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GeodataFetchError);
    expect((err as Error).message).toBe(
      `Échec du téléchargement de frr/sub/two.csv depuis ${server.base}/gh/deep/two.csv : ` +
        `empreinte SHA-256 inattendue (attendue ${sha256(TWO)}, reçue ` +
        `${sha256('code;nom\r\n93066;Saint-Denis (modifié)\r\n')}) ; fichier refusé.`,
    );
    expect(fs.existsSync(path.join(dir, 'frr/sub/two.csv'))).toBe(false);
    expect(partFiles()).toEqual([]);
    // The optional file is not attempted once a required file failed.
    expect(fs.existsSync(path.join(dir, 'qpv-officiels-2024.geojson'))).toBe(false);
  });

  it('names the file and the address when the server refuses or the network fails', async () => {
    server.routes.delete('/gh/one.geojson');
    await expect(run({ concurrency: 1 })).rejects.toThrow(
      `Échec du téléchargement de france-geojson/one.geojson depuis ${server.base}/gh/one.geojson : le serveur a répondu 404 Not Found.`,
    );
    const closed = await closedBase();
    const offline = files(closed).slice(0, 1);
    await expect(
      fetchGeodata({ dir, files: offline, progress: lineProgress(() => undefined) }),
    ).rejects.toThrow(
      /^Échec du téléchargement de france-geojson\/one\.geojson depuis http:\/\/127\.0\.0\.1:\d+\/gh\/one\.geojson : le réseau ne répond pas \(connexion refusée, ECONNREFUSED\)\.$/,
    );
  });

  it('resumes: verified files are kept, a damaged one is fetched again, --force fetches all', async () => {
    await run();
    server.requests.length = 0;
    lines = [];
    const again = await run();
    expect(again.downloaded).toEqual([]);
    expect(again.kept).toHaveLength(4);
    expect(gets()).toEqual([]);
    expect(lines).toContain('[4/4] qpv-officiels-2024.geojson — déjà présent, vérifié');

    fs.writeFileSync(path.join(dir, 'frr/sub/two.csv'), 'abîmé');
    const repaired = await run();
    expect(repaired.downloaded).toEqual(['frr/sub/two.csv']);
    expect(read('frr/sub/two.csv')).toBe(TWO.toString());

    server.requests.length = 0;
    const forced = await run({ force: true });
    expect(forced.downloaded).toHaveLength(4);
    expect(gets()).toHaveLength(5); // four files, plus the redirect of the zip
  });

  it('removes the France services contact columns and keeps everything else byte for byte', async () => {
    await run();
    expect(read('anct-france-services/liste.csv')).toBe(FS_TEAM);
    expect(dropCsvColumns(FS_UPSTREAM.replace(/\n/g, '\r\n'), ['mail', 'telephone'])).toBe(
      FS_TEAM.replace('mardi\n', 'mardi\r\n'),
    );
    expect(() => dropCsvColumns('"id_fs","lib_fs"\n"1","x"\n', ['mail'])).toThrow(
      'colonne(s) mail absente(s) de l’en-tête',
    );
    server.routes.set('/gh/liste-fs.csv', Buffer.from('"id_fs","mail"\n"1","a@b.fr"\n'));
    await expect(run({ force: true })).rejects.toThrow(
      /liste\.csv depuis .*liste-fs\.csv : contenu inattendu, colonne\(s\) telephone absente\(s\) de l’en-tête\.$/,
    );
  });

  it('takes the QPV contours out of the zip, records their SHA-256, then holds to it', async () => {
    await run();
    const saved = read('qpv-officiels-2024.geojson');
    expect(saved).toBe(Buffer.from(qpvGeojson(['Franc-Moisin', 'Floréal'])).toString());
    const record = () =>
      (JSON.parse(read(FETCH_RECORD)) as { files: Record<string, Record<string, string>> }).files[
        'qpv-officiels-2024.geojson'
      ];
    expect(record()).toMatchObject({
      sha256: sha256(saved),
      archiveSha256: sha256(qpvZip(['Franc-Moisin', 'Floréal'])),
      verification: 'premier-telechargement',
    });

    // A different file published later is refused (trust on first use): a warning, old file kept.
    server.routes.set('/static/qpv.zip', qpvZip(['Franc-Moisin', 'Floréal', 'Cosmonautes']));
    const changed = await run({ force: true });
    expect(changed.warnings).toHaveLength(1);
    expect(changed.warnings[0]).toMatch(
      /^ANCT — fichier facultatif qpv-officiels-2024\.geojson non téléchargé\. .*contenu différent de celui du premier téléchargement .*supprimez qpv-officiels-2024\.geojson pour accepter la version publiée\. Le pipeline placera chaque QPV à sa commune\.$/,
    );
    expect(read('qpv-officiels-2024.geojson')).toBe(saved);
    expect(record()?.sha256).toBe(sha256(saved));

    // Deleting the file accepts the version now published.
    fs.rmSync(path.join(dir, 'qpv-officiels-2024.geojson'));
    const accepted = await run();
    expect(accepted.downloaded).toEqual(['qpv-officiels-2024.geojson']);
    expect(record()?.sha256).not.toBe(sha256(saved));
  });

  it('only warns when the optional QPV contours are missing or wrong', async () => {
    server.routes.set('/static/qpv.zip', Buffer.from(zipSync({ 'autre.txt': strToU8('x') })));
    const noEntry = await run();
    expect(noEntry.downloaded).toHaveLength(3);
    expect(noEntry.warnings[0]).toContain(
      `contenu inattendu, l’archive ne contient pas ${QPV_ENTRY} (entrées : autre.txt)`,
    );
    expect(lines).toContain(
      '[4/4] qpv-officiels-2024.geojson — échec, facultatif (voir l’avertissement)',
    );

    server.routes.set('/static/qpv.zip', Buffer.from(zipSync({ [QPV_ENTRY]: strToU8('[]') })));
    expect((await run()).warnings[0]).toContain('n’est pas une FeatureCollection GeoJSON');
    server.routes.set('/static/qpv.zip', qpvZip(['Seul']));
    expect((await run()).warnings[0]).toContain('1 entité(s) seulement, 2 au moins attendues');
    server.routes.set('/static/qpv.zip', { status: 503 });
    expect((await run()).warnings[0]).toContain('le serveur a répondu 503 Service Unavailable');
    expect(fs.existsSync(path.join(dir, 'qpv-officiels-2024.geojson'))).toBe(false);

    const skipped = await run({ withOptional: false });
    expect(skipped.kept).toHaveLength(3);
    expect(skipped.warnings).toEqual([]);
  });

  it('rewrites one line in place on a terminal', () => {
    let out = '';
    const stream = { columns: 30, write: (s: string) => (out += s) };
    const progress = ttyProgress(stream as unknown as NodeJS.WriteStream);
    progress.transfer('[1/2] one.geojson — 12 ko / 1,2 Mo');
    progress.file('[1/2] one.geojson — 1,2 Mo');
    progress.end();
    expect(out).toBe('\r\x1b[2K[1/2] one.geojson — 12 ko / 1\r\x1b[2K[1/2] one.geojson — 1,2 Mo\n');
  });

  it('formats sizes in French', () => {
    expect(formatSize(1_234_567)).toBe('1,2 Mo');
    expect(formatSize(356_400)).toBe('356 ko');
    expect(formatSize(12)).toBe('12 o');
  });
});
