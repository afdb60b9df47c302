/**
 * « Revenir aux données de démonstration »: reloads every table of the manifest from the data
 * root, exactly as at start-up (no settings touched), then the caller bumps the data version.
 */
import type { DatasetManifest } from '../catalogue';
import type { Connector } from '../db/connector';
import { loadContractTables } from '../db/load-tables';

export async function restoreManifestTables(
  connector: Connector,
  manifest: DatasetManifest,
  root: string,
): Promise<void> {
  await loadContractTables(connector, manifest, async (file) => {
    const response = await fetch(`${root}${file}`);
    if (!response.ok) throw new Error(`${root}${file} : HTTP ${response.status}`);
    return new Uint8Array(await response.arrayBuffer());
  });
}
