import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fetchGeodata, lineProgress } from '../fetch-geodata';
import { GEODATA_SHA256 } from './geodata-checksums';
import { parseCsv } from './geodata-content';
import { departementFolders, referenceFiles, sourceOf } from './geodata-sources';
import { startServer } from './geodata-test-server';
import { geodataDir } from './options';

// The team's copy (CI has ../shared beside the repository).
const team = geodataDir();
const hasTeamCopy = fs.existsSync(path.join(team, 'france-geojson'));
const teamFile = (local: string): Buffer => fs.readFileSync(path.join(team, ...local.split('/')));
const sha256 = (data: Uint8Array): string => crypto.createHash('sha256').update(data).digest('hex');

describe('reference files and their checksums', () => {
  it('lists every file the pipeline reads, each with a committed SHA-256 but the QPV zip', () => {
    const files = referenceFiles();
    expect(departementFolders()).toHaveLength(101);
    expect(files.filter((f) => f.local.startsWith('france-geojson/'))).toHaveLength(104);
    expect(files.filter((f) => !f.optional)).toHaveLength(110);
    const hashed = files.filter((f) => f.verification.kind === 'sha256').map((f) => f.local);
    expect(Object.keys(GEODATA_SHA256).sort()).toEqual([...hashed].sort());
    for (const h of Object.values(GEODATA_SHA256)) expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(files.filter((f) => f.optional).map((f) => f.local)).toEqual([
      'qpv-officiels-2024.geojson',
    ]);
    for (const f of files) {
      expect(sourceOf(f).publisher).not.toBe('');
      expect(f.url).toMatch(
        /^https:\/\/(raw\.githubusercontent\.com\/[\w.-]+\/[\w.-]+\/[0-9a-f]{40}\/|www\.data\.gouv\.fr\/fr\/datasets\/r\/[0-9a-f-]{36}$)/,
      );
    }
  });

  it.skipIf(!hasTeamCopy)('match the files of the team’s copy', () => {
    for (const [local, expected] of Object.entries(GEODATA_SHA256))
      expect(sha256(teamFile(local)), local).toBe(expected);
  });

  it.skipIf(!hasTeamCopy)(
    'fetch the team’s copy back from the upstream paths, France services contacts included',
    async () => {
      const server = await startServer();
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'geodata-team-'));
      try {
        const files = referenceFiles({ github: server.base, dataGouv: server.base });
        for (const f of files) {
          if (f.optional) continue; // the QPV zip is not in the team's copy: a 404, a warning
          const data = teamFile(f.local);
          server.routes.set(new URL(f.url).pathname, f.transform ? upstreamServices(data) : data);
        }
        const lines: string[] = [];
        const summary = await fetchGeodata({
          dir,
          files,
          progress: lineProgress((l) => lines.push(l)),
        });
        expect(summary.downloaded).toHaveLength(110);
        expect(summary.warnings).toHaveLength(1);
        expect(lines).toHaveLength(111);
        expect(lines).toContain(
          '[111/111] qpv-officiels-2024.geojson — échec, facultatif (voir l’avertissement)',
        );
        expect(lines.join('\n')).toMatch(/\] communes-93-seine-saint-denis\.geojson — 34 ko$/m);
        for (const f of files.filter((o) => !o.optional))
          expect(fs.readFileSync(path.join(dir, f.local)).equals(teamFile(f.local)), f.local).toBe(
            true,
          );
        expect(
          server.requests.some((r) =>
            r.includes(
              '/gregoiredavid/france-geojson/5d34ee6d0140c29f785fdb047d9329f1aab58833/departements/93-seine-saint-denis/communes-93-seine-saint-denis.geojson',
            ),
          ),
        ).toBe(true);
      } finally {
        await server.close();
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  );
});

/**
 * The France services file as upstream publishes it: every text field quoted, with `mail` and
 * `telephone` after `longitude` (the team's copy is this minus those two columns).
 */
function upstreamServices(teamCopy: Buffer): Buffer {
  const rows = parseCsv(teamCopy.toString('utf8'));
  const at = (rows[0] ?? []).indexOf('longitude') + 1;
  const out = rows.map((r, i) => {
    const cells = r.map((v) =>
      /^-?\d+\.\d+$/.test(v) ? v : v === '' ? '' : `"${v.replace(/"/g, '""')}"`,
    );
    const extra =
      i === 0 ? ['"mail"', '"telephone"'] : [`"fs${i}@example.org"`, '"01 23 45 67 89"'];
    cells.splice(at, 0, ...extra);
    return cells.join(',');
  });
  return Buffer.from(out.join('\n') + '\n');
}
