/** Command-line options of the pipeline and the paths it reads and writes. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Reference geodata folder: GEODATA_DIR, else ../shared/geodata beside the repository. */
export function geodataDir(): string {
  const fromEnv = process.env.GEODATA_DIR;
  return fromEnv ? path.resolve(fromEnv) : path.resolve(REPO_ROOT, '..', 'shared', 'geodata');
}

export interface BuildOptions {
  readonly seed: number;
  readonly scale: number;
  readonly outDir: string;
  readonly geo: boolean;
  readonly ifMissing: boolean;
  /** Restrict to these départements (fast tests); null = all of France. */
  readonly departements: readonly string[] | null;
  readonly quiet: boolean;
  /**
   * Where to write the internal finest grain (`--interne DIR`, for the observatory's own checks
   * and the tests): never inside the published folder, never served.
   */
  readonly internalDir?: string | null;
}

export const DEFAULT_SEED = 2015;

export function parseOptions(argv: readonly string[]): BuildOptions {
  const opts = {
    seed: DEFAULT_SEED,
    scale: 1,
    outDir: path.join(REPO_ROOT, 'data'),
    geo: true,
    ifMissing: false,
    departements: null as string[] | null,
    quiet: false,
    internalDir: null as string | null,
  };
  const value = (i: number, flag: string): string => {
    const v = argv[i + 1];
    if (v === undefined || v.startsWith('--'))
      throw new Error(`Option ${flag} : valeur manquante.`);
    return v;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    switch (arg) {
      case '--seed':
        opts.seed = Number(value(i++, arg));
        if (!Number.isInteger(opts.seed)) throw new Error('Option --seed : entier attendu.');
        break;
      case '--scale':
        opts.scale = Number(value(i++, arg));
        if (!(opts.scale > 0)) throw new Error('Option --scale : nombre positif attendu.');
        break;
      case '--out':
        opts.outDir = path.resolve(value(i++, arg));
        break;
      case '--no-geo':
        opts.geo = false;
        break;
      case '--if-missing':
        opts.ifMissing = true;
        break;
      case '--quiet':
        opts.quiet = true;
        break;
      case '--interne':
        opts.internalDir = path.resolve(value(i++, arg));
        break;
      case '--departements':
        opts.departements = value(i++, arg)
          .split(',')
          .map((d) => d.trim().toUpperCase())
          .filter(Boolean);
        break;
      default:
        throw new Error(`Option inconnue : ${arg}`);
    }
  }
  return opts;
}
