/**
 * Before a build: makes sure the reference files the pipeline reads are in GEODATA_DIR. A clone
 * without ../shared fetches them when the network answers, and otherwise stops with a French
 * message saying what is missing and the two ways out (`npm run data:fetch`, GEODATA_DIR).
 * Also runnable alone: `npx tsx scripts/lib/ensure-geodata.ts`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  errorDetail,
  fetchGeodata,
  lineProgress,
  ttyProgress,
  type FetchOptions,
} from '../fetch-geodata';
import { referenceFiles, type ReferenceFile } from './geodata-sources';
import { geodataDir } from './options';

/** The reference files are missing and could not be fetched: its message says what to do. */
export class ReferenceDataError extends Error {
  override readonly name = 'ReferenceDataError';
}

export interface EnsureOptions {
  readonly dir?: string;
  readonly files?: readonly ReferenceFile[];
  /** Time allowed to the network probe, ms (default 5 s). */
  readonly probeTimeoutMs?: number;
  /** Passed on to the fetch (progress, time per file). */
  readonly fetch?: Omit<FetchOptions, 'dir' | 'files'>;
}

/** Required files absent from `dir` (presence only: the fetch verifies what it downloads). */
export function missingReferenceFiles(
  dir: string,
  files: readonly ReferenceFile[] = referenceFiles(),
): ReferenceFile[] {
  return files.filter((f) => !f.optional && !fs.existsSync(path.join(dir, ...f.local.split('/'))));
}

/** Null when `url` answers (any HTTP status) within `timeoutMs`, else why not, in French. */
export async function probeNetwork(url: string, timeoutMs: number): Promise<string | null> {
  try {
    const res = await fetch(url, { method: 'HEAD', signal: AbortSignal.timeout(timeoutMs) });
    await res.body?.cancel();
    return null;
  } catch (err) {
    if (err instanceof Error && err.name === 'TimeoutError')
      return `pas de réponse en ${Math.round(timeoutMs / 1000)} s`;
    return errorDetail(err);
  }
}

function listed(files: readonly ReferenceFile[]): string {
  const shown = files.slice(0, 4).map((f) => f.local);
  return files.length > shown.length
    ? `${shown.join(', ')} et ${files.length - shown.length} autre(s)`
    : shown.join(', ');
}

const WAYS_OUT =
  '  – avec un accès à internet, « npm run data:fetch » télécharge ces fichiers publics ' +
  '(empreintes vérifiées) ;\n' +
  '  – hors ligne, GEODATA_DIR peut désigner un dossier qui les contient : ' +
  'GEODATA_DIR=/chemin/vers/geodata npm start (voir data/README.md).';

/**
 * Returns when every required reference file is in GEODATA_DIR; otherwise downloads them if the
 * network answers, or throws a ReferenceDataError whose French message lists the missing files
 * and says how to get them (no stack trace needed).
 */
export async function ensureGeodata(
  log: (message: string) => void,
  options: EnsureOptions = {},
): Promise<void> {
  const dir = options.dir ?? geodataDir();
  const files = options.files ?? referenceFiles();
  const missing = missingReferenceFiles(dir, files);
  const first = missing[0];
  if (!first) return;
  const what =
    `Données de référence manquantes dans ${dir} : ${missing.length} fichier(s) sur ` +
    `${files.filter((f) => !f.optional).length} (${listed(missing)}).`;
  const offline = await probeNetwork(first.url, options.probeTimeoutMs ?? 5_000);
  if (offline !== null)
    throw new ReferenceDataError(
      `${what}\nLe réseau ne répond pas (${new URL(first.url).host} : ${offline}) : ` +
        `impossible de les télécharger maintenant. Pour construire les données :\n${WAYS_OUT}`,
    );
  log(`${what} Le réseau répond : téléchargement depuis les sources publiques.`);
  try {
    const summary = await fetchGeodata({
      progress: process.stdout.isTTY ? ttyProgress(process.stdout) : lineProgress(log),
      ...options.fetch,
      dir,
      files,
    });
    for (const w of summary.warnings) log(`Attention : ${w}`);
    log(`Données de référence téléchargées : ${summary.downloaded.length} fichier(s).`);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    throw new ReferenceDataError(
      `${message}\nLes fichiers déjà vérifiés sont conservés. Pour obtenir les autres :\n${WAYS_OUT}`,
    );
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  ensureGeodata((m) => console.log(m)).catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err));
    process.exitCode = 1;
  });
}
