/**
 * « Revenir aux données de démonstration »: reloads the tables the user replaced from the data
 * root, all of them or none (`replaceContractTables`: staged, then swapped in one transaction),
 * exactly as at start-up (no settings touched); then the caller records their provenance.
 */
import type { DatasetManifest, PublishedTableName } from '../catalogue';
import type { Connector } from '../db/connector';
import { LoadError, replaceContractTables } from '../db/load-tables';

export type RestoreOutcome =
  | { readonly ok: true; readonly tables: readonly PublishedTableName[] }
  | {
      readonly ok: false;
      /** French, true to what happened: whether the data shown before are kept. */
      readonly message: string;
      /** Precise cause, for the console. */
      readonly detail: string;
      readonly kept: boolean;
    };

/**
 * Reloads `tables` (by default every table of the manifest) from `root`. Resolves (never
 * rejects): on failure no table has changed, unless `kept` is false.
 */
export async function restoreManifestTables(
  connector: Connector,
  manifest: DatasetManifest,
  root: string,
  tables: readonly PublishedTableName[] = manifest.tables.map((t) => t.name),
): Promise<RestoreOutcome> {
  try {
    await replaceContractTables(connector, manifest, tables, async (file) => {
      const response = await fetch(`${root}${file}`);
      if (!response.ok) throw new Error(`${root}${file} : HTTP ${response.status}`);
      return new Uint8Array(await response.arrayBuffer());
    });
    return { ok: true, tables };
  } catch (e) {
    const kept = !(e instanceof LoadError) || e.kept;
    const cause = e instanceof Error ? e.message : String(e);
    return {
      ok: false,
      message: kept
        ? `Le retour aux données de démonstration a échoué ; les données précédentes sont conservées. ${cause}`
        : `Le retour aux données de démonstration a échoué et les tables sont peut-être incomplètes : rechargez la page. ${cause}`,
      detail: e instanceof LoadError ? e.detail : cause,
      kept,
    };
  }
}
