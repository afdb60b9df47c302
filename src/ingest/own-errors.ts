/**
 * What went wrong with a user's file, in French, from the engine's error text (DuckDB's English
 * messages, or the browser's when the wasm heap cannot grow), and the memory budget checked
 * before a file is read. The real cause is named: memory, encoding, quote, number of fields.
 */

/** Megabytes, French style (« 52,4 Mo »). */
export function megabytes(bytes: number): string {
  return `${(bytes / 1e6).toLocaleString('fr-FR', { maximumFractionDigits: 1 })} Mo`;
}

const OUT_OF_MEMORY =
  /Out of Memory Error|could not allocate|failed to allocate|memory access out of bounds|Cannot enlarge memory|WebAssembly\.Memory|Array buffer allocation failed|Invalid array length|Maximum call stack|out of memory/i;

export function isOutOfMemory(detail: string): boolean {
  return OUT_OF_MEMORY.test(detail);
}

/** `maxSize`: the largest file this browser can load, when known. */
export function tooLargeMessage(size: number, maxSize: number | null): string {
  return `Le fichier est trop volumineux pour la mémoire de ce navigateur (${megabytes(size)}${maxSize === null ? '' : ` ; au plus ${megabytes(maxSize)} environ ici`}) : les données précédentes sont conservées. Chargez un extrait (moins de lignes ou de colonnes) ou découpez le fichier.`;
}

/** The CSV line DuckDB names in its error ("CSV Error on Line: 12"), if any. */
function csvLine(detail: string): number | null {
  const m = /CSV Error on Line: (\d+)/.exec(detail);
  return m ? Number(m[1]) : null;
}

/**
 * The French message for an error raised while reading or checking `name`; null when the text is
 * not one we know (the caller then gives the generic message with the detail).
 */
export function ownFileErrorMessage(detail: string, name: string, size: number): string | null {
  if (isOutOfMemory(detail)) return tooLargeMessage(size, null);
  const line = csvLine(detail);
  const at = line === null ? '' : ` (ligne ${line.toLocaleString('fr-FR')})`;
  if (/unterminated quote/i.test(detail)) {
    return `Fichier CSV mal formé : un guillemet ouvrant n’est jamais fermé${at}. Vérifiez les guillemets de cette ligne (un guillemet dans une valeur s’écrit "" et la valeur entière est entre guillemets).`;
  }
  const columns = /Expected Number of Columns: (\d+) Found: (\d+)/.exec(detail);
  if (columns) {
    return `Fichier CSV mal formé : la ligne${line === null ? '' : ` ${line.toLocaleString('fr-FR')}`} a ${columns[2]} champs au lieu de ${columns[1]} comme l’en-tête. Vérifiez le séparateur et les guillemets.`;
  }
  if (/Invalid unicode|not utf-8 encoded/i.test(detail)) {
    return `Le fichier « ${name} » n’est pas entièrement en UTF-8${at} alors que ses premières lignes le sont : il mélange deux encodages. Réenregistrez-le en « CSV UTF-8 » depuis votre tableur.`;
  }
  return null;
}

/** Bytes the engine needs to load a file of `size` bytes (measured: see the commit message). */
export function estimatedNeed(size: number, kind: 'csv' | 'parquet'): number {
  // A CSV is held twice as text (staging, typed copy with its text) plus its typed values;
  // a Parquet file is compressed, and decoded to Arrow before DuckDB copies it.
  return kind === 'csv' ? size * 4 : size * 12;
}

/** What this browser can give the engine for one file. */
export function memoryBudget(
  nav: { deviceMemory?: number } | undefined = globalThis.navigator as
    { deviceMemory?: number } | undefined,
): number {
  // A wasm32 heap cannot pass 4 GiB; DuckDB-WASM also keeps some for itself.
  const wasm = 3 * 2 ** 30;
  const device = nav?.deviceMemory;
  // deviceMemory is rounded down and capped at 8 (GB): half of it for one tab is generous.
  return typeof device === 'number' && device > 0 ? Math.min(wasm, (device * 2 ** 30) / 2) : wasm;
}
