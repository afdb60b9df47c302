import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { lineProgress } from '../fetch-geodata';
import { ReferenceDataError, ensureGeodata, missingReferenceFiles } from './ensure-geodata';
import { referenceFiles, type ReferenceFile } from './geodata-sources';
import { closedBase, startServer, type TestServer } from './geodata-test-server';

const CONTOURS = Buffer.from('{"type":"FeatureCollection","features":[]}\n');
const DENSITY = Buffer.from(
  'insee_com,lib_com,niveau_densite\n93066,Saint-Denis,Grands centres urbains\n',
);
const sha256 = (data: Uint8Array): string => crypto.createHash('sha256').update(data).digest('hex');

function files(base: string): ReferenceFile[] {
  return [
    {
      source: 'france-geojson',
      local: 'france-geojson/regions.geojson',
      url: `${base}/gh/regions.geojson`,
      optional: false,
      verification: { kind: 'sha256', sha256: sha256(CONTOURS) },
    },
    {
      source: 'grille-densite',
      local: 'anct-superposeur-v2/densite.csv',
      url: `${base}/gh/densite.csv`,
      optional: false,
      verification: { kind: 'sha256', sha256: sha256(DENSITY) },
    },
    {
      source: 'qpv-officiels',
      local: 'qpv-officiels-2024.geojson',
      url: `${base}/qpv.zip`,
      optional: true,
      transform: { kind: 'unzip', entry: 'qpv.geojson' },
      verification: { kind: 'qpv-geojson', minFeatures: 1 },
    },
  ];
}

let server: TestServer;
let dir: string;
let log: string[];
const quiet = { progress: lineProgress(() => undefined), timeoutMs: 5_000 };

beforeAll(async () => {
  server = await startServer();
  server.routes.set('/gh/regions.geojson', CONTOURS);
  server.routes.set('/gh/densite.csv', DENSITY);
});
afterAll(() => server.close());
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'geodata-ensure-'));
  log = [];
  server.requests.length = 0;
});

describe('ensureGeodata', () => {
  it('returns at once, without the network, when every required file is there', async () => {
    fs.mkdirSync(path.join(dir, 'france-geojson'));
    fs.mkdirSync(path.join(dir, 'anct-superposeur-v2'));
    fs.writeFileSync(path.join(dir, 'france-geojson/regions.geojson'), CONTOURS);
    fs.writeFileSync(path.join(dir, 'anct-superposeur-v2/densite.csv'), 'copie locale');
    // The optional QPV contours are absent: not a reason to go online.
    await ensureGeodata((m) => log.push(m), { dir, files: files(await closedBase()) });
    expect(log).toEqual([]);
    expect(fs.readFileSync(path.join(dir, 'anct-superposeur-v2/densite.csv'), 'utf8')).toBe(
      'copie locale',
    );
  });

  it('downloads the missing files when the network answers', async () => {
    await ensureGeodata((m) => log.push(m), {
      dir,
      files: files(server.base),
      fetch: quiet,
    });
    expect(server.requests[0]).toBe('HEAD /gh/regions.geojson');
    expect(fs.readFileSync(path.join(dir, 'anct-superposeur-v2/densite.csv'))).toEqual(DENSITY);
    expect(log[0]).toBe(
      `Données de référence manquantes dans ${dir} : 2 fichier(s) sur 2 ` +
        '(france-geojson/regions.geojson, anct-superposeur-v2/densite.csv). Le réseau répond : ' +
        'téléchargement depuis les sources publiques.',
    );
    expect(log.at(-1)).toBe('Données de référence téléchargées : 2 fichier(s).');
    expect(log.some((l) => l.startsWith('Attention : ANCT — fichier facultatif'))).toBe(true);
  });

  it('stops with the list of missing files and the two ways out when the network is down', async () => {
    const base = await closedBase();
    const err = await ensureGeodata((m) => log.push(m), { dir, files: files(base) }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ReferenceDataError);
    expect((err as Error).message).toBe(
      `Données de référence manquantes dans ${dir} : 2 fichier(s) sur 2 ` +
        '(france-geojson/regions.geojson, anct-superposeur-v2/densite.csv).\n' +
        `Le réseau ne répond pas (${new URL(base).host} : connexion refusée, ECONNREFUSED) : impossible de les ` +
        'télécharger maintenant. Pour construire les données :\n' +
        '  – avec un accès à internet, « npm run data:fetch » télécharge ces fichiers publics ' +
        '(empreintes vérifiées) ;\n' +
        '  – hors ligne, GEODATA_DIR peut désigner un dossier qui les contient : ' +
        'GEODATA_DIR=/chemin/vers/geodata npm start (voir data/README.md).',
    );
    expect(log).toEqual([]);
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('says which file failed and how to get the rest when the download fails', async () => {
    server.routes.set('/gh/densite.csv', Buffer.from('autre contenu'));
    try {
      await expect(
        ensureGeodata((m) => log.push(m), { dir, files: files(server.base), fetch: quiet }),
      ).rejects.toThrow(
        /^Échec du téléchargement de anct-superposeur-v2\/densite\.csv depuis http:\/\/127\.0\.0\.1:\d+\/gh\/densite\.csv : empreinte SHA-256 inattendue .*\nLes fichiers déjà vérifiés sont conservés\. Pour obtenir les autres :\n.*npm run data:fetch.*\n.*GEODATA_DIR/,
      );
    } finally {
      server.routes.set('/gh/densite.csv', DENSITY);
    }
  });

  it('counts the real list: 110 required files, in an empty folder', () => {
    const missing = missingReferenceFiles(dir, referenceFiles());
    expect(missing).toHaveLength(110);
    expect(missing.map((f) => f.local)).toContain('anct-france-services/liste-fs-20240801.csv');
  });
});
