/**
 * File names that say what a file holds: `<indicator>-<level>-<period>[-<filters>].<ext>`,
 * ASCII only so they survive every file system, mail client and archive tool.
 */

/** Lower-case ASCII slug: accents dropped, anything else but letters, digits and `_` → `_`. */
export function asciiSlug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[œŒ]/g, 'oe')
    .replace(/[æÆ]/g, 'ae')
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, '_')
    .replace(/_+/g, '_')
    .replace(/^_|_$/g, '');
}

export interface FileStemParts {
  readonly indicator: string;
  readonly level: string;
  /** A year (2024) or a span ("2015-2024"). */
  readonly period: string | number;
  /** Active filter values, e.g. ['handicap', 'qpv']; nulls are skipped. */
  readonly filters?: readonly (string | null | undefined)[];
}

/** `reclamations-departement-2024-handicap-qpv`: parts slugged, joined with `-`. */
export function fileStem(parts: FileStemParts): string {
  const period = String(parts.period)
    .split(/[^0-9A-Za-z]+/)
    .filter(Boolean)
    .join('-');
  const filters = (parts.filters ?? []).filter((f): f is string => !!f).map(asciiSlug);
  return [asciiSlug(parts.indicator), asciiSlug(parts.level), period, ...filters]
    .filter(Boolean)
    .join('-');
}

/** A stem given by a caller, made safe, with its extension. */
export function fileName(stem: string, extension: string): string {
  const safe = stem.split('-').map(asciiSlug).filter(Boolean).join('-').slice(0, 120);
  return `${safe || 'export'}.${extension}`;
}

/**
 * Reads `<indicator>-<level>-<period>[-…]` back, for the citation when a view gives only the
 * stem. Unknown parts come back undefined.
 */
export function parseFileStem(
  stem: string,
  levels: readonly string[],
): { indicator: string; level?: string; period?: string } {
  const [indicator = '', ...rest] = stem.split('-');
  const level = rest[0] !== undefined && levels.includes(rest[0]) ? rest[0] : undefined;
  // A period only counts right after a known level: `console_sql-2026-11-25` is a date, not one.
  const [first, second] = level ? rest.slice(1) : [];
  const isYear = (p: string | undefined): p is string => p !== undefined && /^\d{4}$/.test(p);
  const period = isYear(first) ? (isYear(second) ? `${first}–${second}` : first) : undefined;
  return { indicator, level, period };
}
