/** The France services list: every row read, mapped to current communes, inside France. */
import fs from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { SERVICE_FORMATS, SERVICE_ROLES } from '../../../src/catalogue';
import { geodataDir } from '../options';
import { communeResolver } from './communes';
import { parseCsv } from './csv';
import { insideFrance, readFranceServices, type FranceServicesReference } from './france-services';
import { referencePath } from './sources';

let ref: FranceServicesReference;
let ids: string[];

beforeAll(() => {
  const geodata = geodataDir();
  ref = readFranceServices(geodata);
  // Ids read here: the first field of every record (records may span lines in quotes).
  ids = parseCsv(fs.readFileSync(referencePath(geodata, 'franceServices'), 'utf8'))
    .slice(1)
    .map((r) => r[0] ?? '')
    .filter(Boolean);
});

describe('France services', () => {
  it('reads every row of the file; keeps those with a commune in scope', () => {
    expect(ref.read).toBe(ids.length);
    const kept = new Set(ref.rows.map((s) => s.id));
    const dropped = ids.filter((id) => !kept.has(`fs-${id}`));
    // Only Saint-Martin (collectivité d’outre-mer) is out of scope, and the note says which.
    for (const id of dropped) expect(ref.notes.join(' ')).toContain(`fs-${id} (978`);
    expect(ref.rows.length + dropped.length).toBe(ids.length);
  });

  it('uses current commune codes and positions inside France and the DROM', () => {
    const resolver = communeResolver();
    for (const s of ref.rows) {
      expect(resolver.commune(s.commune)?.code, s.id).toBe(s.commune);
      expect(insideFrance(s.departement, s.lon, s.lat), s.id).toBe(true);
      expect(SERVICE_ROLES).toContain(s.role);
      expect(SERVICE_FORMATS).toContain(s.format);
      expect(s.opened).toMatch(/^20(19|2\d)-\d{2}-\d{2}$/);
    }
    // Arrondissements and a pre-merger code, as written in the file, land on current communes.
    const byCommune = new Set(ref.rows.map((s) => s.commune));
    for (const c of ['75056', '69123', '13055', '49126']) expect(byCommune.has(c), c).toBe(true);
    for (const s of ref.rows)
      expect(/^(751\d\d|6938\d|132\d\d|49069)$/.test(s.commune)).toBe(false);
  });

  it('reads both roles and every format', () => {
    expect(new Set(ref.rows.map((s) => s.role))).toEqual(new Set(SERVICE_ROLES));
    expect(new Set(ref.rows.map((s) => s.format))).toEqual(new Set(SERVICE_FORMATS));
  });
});
