/**
 * The layout of the prebaked results (see prebaked.ts), shared by the pipeline that writes them
 * (scripts/prebake.ts) and the page that reads them: file names, index, data set fingerprint.
 * Pure: no engine, no fetch.
 */
import type { DatasetManifest } from '../catalogue/dataset';

/** Folder of the prebaked results, under the data root. */
export const PREBAKED_DIR = 'prebaked';
/** The index, under the data root. */
export const PREBAKED_INDEX = `${PREBAKED_DIR}/index.json`;
/** Format of the index (bumped when its layout changes). */
export const PREBAKED_FORMAT = 1;
/** The data version of the engine's published data set, before any own file or restart. */
export const PUBLISHED_DATA_VERSION = 0;

export interface PrebakedEntry {
  /** The exact SQL text the app sends. */
  readonly sql: string;
  /** Arrow IPC stream file, relative to the prebaked folder. */
  readonly file: string;
  readonly rows: number;
  readonly bytes: number;
  /**
   * The views (`vue`) whose entry state sends it: a page opened on one of them fetches the file
   * at once, any other page only when the query is asked. Absent: fetched at once.
   */
  readonly views?: readonly string[];
}

/** Whether a page opened on `view` fetches `entry`'s file at once (see `PrebakedEntry.views`). */
export function fetchedOnEntry(entry: PrebakedEntry, view: string): boolean {
  return !entry.views || entry.views.includes(view);
}

export interface PrebakedIndex {
  readonly format: typeof PREBAKED_FORMAT;
  /** `datasetFingerprint` of the manifest the results were computed on. */
  readonly dataset: string;
  readonly entries: readonly PrebakedEntry[];
}

/** cyrb53 (public domain): a fast 53-bit string hash, as 14 hex digits. Not cryptographic. */
function hash53(text: string, seed: number): string {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16).padStart(14, '0');
}

/** A 106-bit hash of `text` (two cyrb53 with different seeds), as 28 hex digits. */
export function textHash(text: string): string {
  return hash53(text, 1) + hash53(text, 2);
}

/**
 * The identity of a published data set: a hash of its manifest as parsed (the manifest names
 * every table file with its row count and size, the seed and the scale, so a rebuilt data set
 * that differs has another fingerprint). The pipeline and the page compute it alike.
 */
export function datasetFingerprint(manifest: DatasetManifest): string {
  return textHash(JSON.stringify(manifest));
}

/** File name of the prebaked result of `sql`. */
export function prebakedFileName(sql: string): string {
  return `${textHash(sql)}.arrow`;
}
