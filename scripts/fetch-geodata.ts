/**
 * `npm run data:fetch` — downloads the public reference geodata into GEODATA_DIR (default
 * ../shared/geodata) for a user outside the team: france-geojson contours (Licence Ouverte) and,
 * when data.gouv.fr answers, the official QPV contours. Existing files are kept unless --force.
 * Options: --force, --sans-qpv.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { QPV_DATASET_API, franceGeojsonFiles, type RemoteFile } from './lib/geodata-sources';
import { geodataDir } from './lib/options';

class NetworkError extends Error {}

async function download(url: string): Promise<Buffer> {
  let res: Response;
  try {
    res = await fetch(url, { signal: AbortSignal.timeout(60_000) });
  } catch (err) {
    throw new NetworkError(
      `Réseau injoignable : impossible de télécharger ${url} (${err instanceof Error ? err.message : String(err)}).`,
    );
  }
  if (!res.ok) throw new Error(`Téléchargement refusé (${res.status} ${res.statusText}) : ${url}`);
  return Buffer.from(await res.arrayBuffer());
}

/** Finds the GeoJSON resource of the QPV dataset (prefers the 2024 list). */
async function qpvResource(): Promise<RemoteFile | null> {
  const meta = JSON.parse((await download(QPV_DATASET_API)).toString('utf8')) as {
    resources?: { url: string; title?: string; format?: string }[];
  };
  const geojson = (meta.resources ?? []).filter(
    (r) => /geojson/i.test(r.format ?? '') || /\.geojson$/i.test(r.url),
  );
  const best = geojson.find((r) => /2024/.test(`${r.title ?? ''} ${r.url}`)) ?? geojson[0];
  return best ? { local: 'qpv-officiels.geojson', url: best.url } : null;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const force = args.includes('--force');
  const dir = geodataDir();
  try {
    fs.mkdirSync(dir, { recursive: true });
    fs.accessSync(dir, fs.constants.W_OK);
  } catch {
    throw new Error(
      `Le dossier ${dir} n’est pas accessible en écriture. Choisissez-en un autre avec GEODATA_DIR=/chemin npm run data:fetch.`,
    );
  }
  const files = franceGeojsonFiles();
  let fetched = 0;
  for (const f of files) {
    const target = path.join(dir, f.local);
    if (!force && fs.existsSync(target)) continue;
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, await download(f.url));
    fetched++;
    console.log(`Téléchargé : ${f.local}`);
  }
  console.log(
    `Contours france-geojson : ${fetched} fichier(s) téléchargé(s), ${files.length - fetched} déjà présent(s).`,
  );
  if (!args.includes('--sans-qpv')) {
    try {
      const qpv = await qpvResource();
      if (!qpv) console.warn('Aucune ressource GeoJSON trouvée dans le jeu QPV de data.gouv.fr.');
      else if (force || !fs.existsSync(path.join(dir, qpv.local))) {
        fs.writeFileSync(path.join(dir, qpv.local), await download(qpv.url));
        console.log(`QPV officiels téléchargés : ${qpv.local} (depuis ${qpv.url}).`);
      }
    } catch (err) {
      // The QPV file is optional: without it the pipeline builds demo QPV.
      console.warn(
        `QPV officiels non téléchargés (${err instanceof Error ? err.message : String(err)}) : le pipeline utilisera des QPV de démonstration.`,
      );
    }
  }
  fs.writeFileSync(
    path.join(dir, 'SOURCES.fetch.txt'),
    `Téléchargé le ${new Date().toISOString()} depuis ${files[0]?.url ?? ''} (france-geojson, Licence Ouverte) et ${QPV_DATASET_API}.\n`,
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((err: unknown) => {
    const message = err instanceof Error ? err.message : String(err);
    console.error(
      err instanceof NetworkError
        ? `${message}\nVérifiez la connexion (ou le proxy HTTPS_PROXY), ou copiez les fichiers à la main dans GEODATA_DIR : voir data/README.md.`
        : `Échec du téléchargement des données de référence : ${message}`,
    );
    process.exitCode = 1;
  });
}
