/**
 * `npm run data:fetch` — downloads every reference file the pipeline reads into GEODATA_DIR
 * (default ../shared/geodata), with the paths of the team's copy (lib/geodata-sources.ts).
 * Each file is verified before it takes its place (held in memory and checked, then written to
 * `<name>.part` and renamed), files already present and verified are kept, and a failure names
 * the file and its address.
 * Options: --force (download again), --sans-qpv (skip the optional official QPV contours),
 * --sources (print the list), --ecrire-empreintes (regenerate lib/geodata-checksums.ts from
 * GEODATA_DIR: run it on the team's copy only).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { applyTransform, checkQpvGeojson } from './lib/geodata-content';
import {
  REFERENCE_SOURCES,
  referenceFiles,
  sourceOf,
  type ReferenceFile,
} from './lib/geodata-sources';
import { geodataDir } from './lib/options';

/** Provenance written beside the files; holds the trust-on-first-use checksums. */
export const FETCH_RECORD = 'SOURCES.fetch.json';

export class GeodataFetchError extends Error {
  constructor(
    readonly file: string,
    readonly url: string,
    reason: string,
  ) {
    super(`Échec du téléchargement de ${file} depuis ${url} : ${reason}.`);
  }
}

/** Where progress goes: one line per file, or one line rewritten in place on a terminal. */
export interface Progress {
  /** A file is done (downloaded or kept). */
  file(line: string): void;
  /** Bytes are arriving (shown on a terminal only). */
  transfer(line: string): void;
  end(): void;
}

export function lineProgress(log: (line: string) => void): Progress {
  return { file: log, transfer: () => undefined, end: () => undefined };
}

export function ttyProgress(stream: NodeJS.WriteStream): Progress {
  let shown = false;
  let last = 0;
  const show = (line: string): void => {
    stream.write(`\r\x1b[2K${line.slice(0, (stream.columns || 100) - 1)}`);
    shown = true;
  };
  return {
    file: show,
    transfer: (line) => {
      if (Date.now() - last < 100) return;
      last = Date.now();
      show(line);
    },
    end: () => {
      if (shown) stream.write('\n');
      shown = false;
    },
  };
}

export interface FetchOptions {
  readonly dir?: string;
  readonly files?: readonly ReferenceFile[];
  readonly force?: boolean;
  /** Download the optional files too (default true). */
  readonly withOptional?: boolean;
  readonly progress?: Progress;
  /** Time allowed for each file, ms (default 5 min). */
  readonly timeoutMs?: number;
  readonly concurrency?: number;
}

export interface FetchSummary {
  readonly downloaded: readonly string[];
  readonly kept: readonly string[];
  /** French: optional files that could not be fetched, and why. */
  readonly warnings: readonly string[];
}

interface RecordEntry {
  url: string;
  publisher: string;
  page: string;
  sha256: string;
  verification: 'empreinte-connue' | 'premier-telechargement';
  archiveSha256?: string;
  downloadedAt: string;
}
type FetchRecord = Record<string, RecordEntry>;

const sha256 = (data: Uint8Array): string => crypto.createHash('sha256').update(data).digest('hex');

const FR_1 = new Intl.NumberFormat('fr-FR', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const FR_0 = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 0 });

/** « 1,2 Mo », « 356 ko », « 12 o ». */
export function formatSize(bytes: number): string {
  if (bytes >= 1e6) return `${FR_1.format(bytes / 1e6)} Mo`;
  return bytes >= 1e3 ? `${FR_0.format(bytes / 1e3)} ko` : `${bytes} o`;
}

const NETWORK_CODES: Readonly<Record<string, string>> = {
  ENOTFOUND: 'nom d’hôte introuvable',
  EAI_AGAIN: 'nom d’hôte introuvable',
  ECONNREFUSED: 'connexion refusée',
  ECONNRESET: 'connexion interrompue',
  ETIMEDOUT: 'délai de connexion dépassé',
  UND_ERR_CONNECT_TIMEOUT: 'délai de connexion dépassé',
};

/** The most telling part of a fetch error: Node puts the system error code in `cause`. */
export function errorDetail(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const cause = err.cause as { code?: unknown; message?: unknown } | undefined;
  if (typeof cause?.code === 'string')
    return NETWORK_CODES[cause.code] ? `${NETWORK_CODES[cause.code]}, ${cause.code}` : cause.code;
  return typeof cause?.message === 'string' && cause.message ? cause.message : err.message;
}

function reasonOf(err: unknown, timeoutMs: number): string {
  if (err instanceof Error && err.name === 'TimeoutError')
    return `pas de réponse complète en ${Math.round(timeoutMs / 1000)} s`;
  return `le réseau ne répond pas (${errorDetail(err)})`;
}

async function download(
  file: ReferenceFile,
  timeoutMs: number,
  onBytes: (received: number, total: number | null) => void,
): Promise<Buffer> {
  const fail = (reason: string): GeodataFetchError =>
    new GeodataFetchError(file.local, file.url, reason);
  let res: Response;
  try {
    res = await fetch(file.url, { signal: AbortSignal.timeout(timeoutMs) });
  } catch (err) {
    throw fail(reasonOf(err, timeoutMs));
  }
  if (!res.ok || !res.body) {
    await res.body?.cancel();
    throw fail(`le serveur a répondu ${res.status} ${res.statusText}`.trim());
  }
  const total = Number(res.headers.get('content-length')) || null;
  const chunks: Uint8Array[] = [];
  let received = 0;
  const reader = res.body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      received += value.length;
      onBytes(received, total);
    }
  } catch (err) {
    throw fail(reasonOf(err, timeoutMs));
  }
  return Buffer.concat(chunks);
}

function readRecord(dir: string): FetchRecord {
  const file = path.join(dir, FETCH_RECORD);
  if (!fs.existsSync(file)) return {};
  try {
    const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as { files?: FetchRecord };
    return parsed.files ?? {};
  } catch {
    throw new Error(`${file} est illisible : corrigez-le ou supprimez-le.`);
  }
}

function writeAtomic(target: string, data: Uint8Array | string): void {
  const tmp = `${target}.part`;
  try {
    fs.writeFileSync(tmp, data);
    fs.renameSync(tmp, target);
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}

function writeRecord(dir: string, record: FetchRecord): void {
  const files = Object.fromEntries(
    Object.keys(record)
      .sort()
      .map((k) => [k, record[k]]),
  );
  const description =
    'Fichiers téléchargés par « npm run data:fetch » : adresse, éditeur, empreinte SHA-256, ' +
    'date. « empreinte-connue » : vérifiée contre celle de la copie de l’équipe ' +
    '(scripts/lib/geodata-checksums.ts) ; « premier-telechargement » : aucune empreinte ' +
    'n’est connue à l’avance, celle du premier téléchargement fait foi pour les suivants.';
  writeAtomic(path.join(dir, FETCH_RECORD), JSON.stringify({ description, files }, null, 2) + '\n');
}

interface Context {
  readonly dir: string;
  readonly force: boolean;
  readonly timeoutMs: number;
  readonly record: FetchRecord;
  /** Called before the first download: the folder must be writable only if something changes. */
  readonly writable: () => void;
  readonly transfer: (file: ReferenceFile, line: string) => void;
}

/** Downloads one file unless a verified copy is there; returns its size, or null if kept. */
async function fetchOne(file: ReferenceFile, ctx: Context): Promise<number | null> {
  const target = path.join(ctx.dir, ...file.local.split('/'));
  const previous = ctx.record[file.local]?.sha256;
  const tofu = file.verification.kind !== 'sha256';
  const expected = file.verification.kind === 'sha256' ? file.verification.sha256 : previous;
  const present = fs.existsSync(target);
  if (present && !ctx.force && expected && sha256(fs.readFileSync(target)) === expected)
    return null;
  const fail = (reason: string): GeodataFetchError =>
    new GeodataFetchError(file.local, file.url, reason);
  if (!tofu && !expected)
    throw fail('empreinte SHA-256 inconnue (absente de scripts/lib/geodata-checksums.ts)');
  ctx.writable();
  const raw = await download(file, ctx.timeoutMs, (n, total) =>
    ctx.transfer(file, `${formatSize(n)}${total ? ` / ${formatSize(total)}` : ''}`),
  );
  let data: Uint8Array;
  try {
    data = applyTransform(raw, file.transform);
    if (file.verification.kind === 'qpv-geojson')
      checkQpvGeojson(data, file.verification.minFeatures);
  } catch (err) {
    throw fail(`contenu inattendu, ${err instanceof Error ? err.message : String(err)}`);
  }
  const actual = sha256(data);
  // Trust on first use: a file already in place was accepted once; a new version must match
  // it. Deleting the file accepts whatever is published next.
  if (expected && actual !== expected && (!tofu || present))
    throw fail(
      tofu
        ? `contenu différent de celui du premier téléchargement (empreinte SHA-256 enregistrée ` +
            `dans ${FETCH_RECORD} : ${expected}, reçue : ${actual}) ; fichier refusé — supprimez ` +
            `${file.local} pour accepter la version publiée`
        : `empreinte SHA-256 inattendue (attendue ${expected}, reçue ${actual}) ; fichier refusé`,
    );
  fs.mkdirSync(path.dirname(target), { recursive: true });
  writeAtomic(target, data);
  const source = sourceOf(file);
  ctx.record[file.local] = {
    url: file.url,
    publisher: source.publisher,
    page: source.page,
    sha256: actual,
    verification: tofu ? 'premier-telechargement' : 'empreinte-connue',
    ...(file.transform?.kind === 'unzip' ? { archiveSha256: sha256(raw) } : {}),
    downloadedAt: new Date().toISOString(),
  };
  return data.length;
}

/** Runs `work` on the items, `size` at a time; stops starting new ones after a failure. */
async function pool<T>(
  items: readonly T[],
  size: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  let failure: { error: unknown } | null = null;
  const worker = async (): Promise<void> => {
    for (let item = items[next++]; item !== undefined && !failure; item = items[next++]) {
      try {
        await work(item);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(size, items.length)) }, worker));
  if (failure) throw (failure as { error: unknown }).error;
}

function writableDir(dir: string): void {
  try {
    fs.mkdirSync(dir, { recursive: true });
    fs.accessSync(dir, fs.constants.W_OK);
  } catch {
    throw new Error(
      `Le dossier ${dir} n’est pas accessible en écriture. Choisissez-en un autre avec ` +
        'GEODATA_DIR=/chemin npm run data:fetch.',
    );
  }
}

/**
 * Downloads the reference files into `dir`: required files first (the first failure stops the
 * run and is thrown, files already verified stay), then optional ones (a failure is a warning).
 */
export async function fetchGeodata(options: FetchOptions = {}): Promise<FetchSummary> {
  const dir = options.dir ?? geodataDir();
  let writable = false;
  const files = (options.files ?? referenceFiles()).filter(
    (f) => options.withOptional !== false || !f.optional,
  );
  const progress =
    options.progress ??
    (process.stdout.isTTY ? ttyProgress(process.stdout) : lineProgress(console.log));
  const record = readRecord(dir);
  const downloaded: string[] = [];
  const kept: string[] = [];
  const warnings: string[] = [];
  let done = 0;
  const label = (f: ReferenceFile, n: number): string =>
    `[${n}/${files.length}] ${path.posix.basename(f.local)}`;
  const ctx: Context = {
    dir,
    force: options.force ?? false,
    timeoutMs: options.timeoutMs ?? 300_000,
    record,
    writable: () => {
      if (!writable) writableDir(dir);
      writable = true;
    },
    transfer: (f, bytes) => progress.transfer(`${label(f, done + 1)} — ${bytes}`),
  };
  const one = async (f: ReferenceFile): Promise<void> => {
    const size = await fetchOne(f, ctx);
    (size === null ? kept : downloaded).push(f.local);
    const status = size === null ? 'déjà présent, vérifié' : formatSize(size);
    progress.file(`${label(f, ++done)} — ${status}`);
  };
  try {
    await pool(
      files.filter((f) => !f.optional),
      options.concurrency ?? 4,
      one,
    );
    for (const f of files.filter((o) => o.optional)) {
      try {
        await one(f);
      } catch (err) {
        progress.file(`${label(f, ++done)} — échec, facultatif (voir l’avertissement)`);
        warnings.push(
          `${sourceOf(f).publisher} — fichier facultatif ${f.local} non téléchargé. ` +
            `${err instanceof Error ? err.message : String(err)} ` +
            'Le pipeline placera chaque QPV à sa commune.',
        );
      }
    }
  } finally {
    progress.end();
    if (downloaded.length) writeRecord(dir, record);
  }
  return { downloaded, kept, warnings };
}

/** Regenerates lib/geodata-checksums.ts from the files in `dir` (the team's copy). */
export async function writeChecksums(dir: string): Promise<string> {
  const out = fileURLToPath(new URL('./lib/geodata-checksums.ts', import.meta.url));
  const entries = referenceFiles()
    .filter((f) => f.verification.kind === 'sha256')
    .map((f) => {
      const file = path.join(dir, ...f.local.split('/'));
      if (!fs.existsSync(file)) throw new Error(`Fichier absent : ${file}`);
      return `  '${f.local}': '${sha256(fs.readFileSync(file))}',`;
    });
  const text = [
    '/**',
    ' * SHA-256 of each reference file of the team’s copy (../shared/geodata), by path inside',
    ' * GEODATA_DIR. Generated, do not edit: `GEODATA_DIR=../shared/geodata npx tsx',
    ' * scripts/fetch-geodata.ts --ecrire-empreintes` rewrites this file.',
    ' */',
    'export const GEODATA_SHA256: Readonly<Record<string, string>> = {',
    ...entries,
    '};',
    '',
  ].join('\n');
  const prettier = await import('prettier');
  const config = (await prettier.resolveConfig(out)) ?? {};
  fs.writeFileSync(out, await prettier.format(text, { ...config, filepath: out }));
  return out;
}

function printSources(): void {
  const files = referenceFiles();
  for (const s of REFERENCE_SOURCES) {
    const own = files.filter((f) => f.source === s.id);
    console.log(`${s.publisher} — ${s.description}`);
    console.log(`  Page de référence : ${s.page} (${s.licence})`);
    for (const f of own.slice(0, 3)) console.log(`  ${f.local} ← ${f.url}`);
    if (own.length > 3) console.log(`  … et ${own.length - 3} autres fichiers`);
  }
}

async function main(args: readonly string[]): Promise<void> {
  const known = ['--force', '--sans-qpv', '--sources', '--ecrire-empreintes'];
  const unknown = args.find((a) => !known.includes(a));
  if (unknown) throw new Error(`Option inconnue : ${unknown} (options : ${known.join(', ')}).`);
  if (args.includes('--sources')) return printSources();
  const dir = geodataDir();
  if (args.includes('--ecrire-empreintes')) {
    console.log(`Empreintes écrites dans ${await writeChecksums(dir)}.`);
    return;
  }
  console.log(`Téléchargement des données de référence dans ${dir}…`);
  const summary = await fetchGeodata({
    dir,
    force: args.includes('--force'),
    withOptional: !args.includes('--sans-qpv'),
  });
  for (const w of summary.warnings) console.warn(`Attention : ${w}`);
  console.log(
    `Données de référence prêtes : ${summary.downloaded.length} fichier(s) téléchargé(s), ` +
      `${summary.kept.length} déjà présent(s) et vérifié(s).`,
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main(process.argv.slice(2)).catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err));
    if (err instanceof GeodataFetchError)
      console.error(
        'Relancez « npm run data:fetch » : les fichiers déjà vérifiés sont conservés. Sans ' +
          'accès à cette adresse, indiquez avec GEODATA_DIR un dossier qui contient les ' +
          'fichiers (voir data/README.md).',
      );
    process.exitCode = 1;
  });
}
