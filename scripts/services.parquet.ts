/**
 * services.parquet — the real France services (ANCT list of 1 August 2024), those whose commune
 * is in the run. Only structures open on that date are listed: no closure date, and no list of
 * the former MSAP or of the délégués' permanences exists, so neither is in the table.
 */
import path from 'node:path';
import { TABLES, type TableManifest } from '../src/catalogue';
import type { BuildContext } from './lib/context';
import { createContractTable, writeParquet, type Cell } from './lib/duck';
import { round } from './lib/geometry';
import { geodataDir } from './lib/options';
import { readFranceServices, type FranceServiceRow } from './lib/reference/france-services';
import { frCount } from './lib/reference/sources';

/** The rows of `services`, in the contract's column order. */
export function serviceRows(list: readonly FranceServiceRow[]): Cell[][] {
  const columns = TABLES.services.columns.map((c) => c.name);
  return list.map((s) => {
    const byName: Record<string, Cell> = {
      id: s.id,
      type: 'france_services',
      role: s.role,
      format: s.format,
      name: s.name,
      commune_code: s.commune,
      lon: round(s.lon, 6),
      lat: round(s.lat, 6),
      opened: s.opened,
      closed: null,
      synthetic: false,
    };
    return columns.map((c) => byName[c] ?? null);
  });
}

export async function buildServices(ctx: BuildContext): Promise<TableManifest> {
  const { opts, model } = ctx;
  const reference = readFranceServices(geodataDir());
  const inRun = reference.rows.filter((s) => model.communeByCode.has(s.commune));
  const spec = TABLES.services;
  await createContractTable(ctx.conn, spec, serviceRows(inRun));
  const file = path.join(opts.outDir, 'services.parquet');
  const { rows, bytes } = await writeParquet(ctx.conn, spec, file);
  return {
    name: 'services',
    file: 'services.parquet',
    rows,
    bytes,
    synthetic: false,
    provenance: `Liste des structures France services de l’ANCT au 1er août 2024 (data.gouv.fr « liste-des-structures-france-services », copie du dépôt anct-carto/france_services, Licence Ouverte 2.0) : ${frCount(reference.read)} structures principales et antennes, dont ${frCount(reference.rows.length)} dans le champ de l’observatoire (celles de Saint-Martin n’y sont pas), avec leur commune (codes d’arrondissement et d’anciennes communes ramenés à la commune actuelle), leur position, leur format et leur date de labellisation (date d’ouverture). Seules les structures ouvertes à cette date y figurent : pas de date de fermeture. Les Maisons de services au public (MSAP) antérieures ne sont pas listées (aucune liste publiée n’a été trouvée) et les lieux de permanence des délégués du Défenseur des droits ne sont pas publiés : ni les unes ni les autres ne figurent dans le jeu.`,
  };
}
