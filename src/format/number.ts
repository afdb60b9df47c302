/**
 * fr-FR number formatting: narrow no-break space (U+202F) between thousands, decimal comma, a
 * narrow no-break space before « % » and units. ICU versions differ on the thousands separator
 * (U+00A0 or U+202F), so it is normalised here: the same number always gives the same text.
 */

export const NNBSP = '\u202f';
/** What a user reads in place of a value hidden by statistical confidentiality. */
export const SUPPRESSED_LABEL = 'donnée masquée (secret statistique)';
export const MISSING_LABEL = '—';

const formatters = new Map<string, Intl.NumberFormat>();

function formatter(min: number, max: number, sign: boolean): Intl.NumberFormat {
  const key = `${min}/${max}/${sign}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.NumberFormat('fr-FR', {
      minimumFractionDigits: min,
      maximumFractionDigits: max,
      signDisplay: sign ? 'exceptZero' : 'auto',
    });
    formatters.set(key, f);
  }
  return f;
}

function clean(text: string): string {
  return text.replace(/[\u00a0 ]/g, NNBSP);
}

/** Rounds first, so that -0.0001 with 1 decimal gives "0" and not "-0". */
function rounded(value: number, decimals: number): number {
  const f = 10 ** decimals;
  const r = Math.round(value * f) / f;
  return r === 0 ? 0 : r;
}

export interface NumberOptions {
  /** Fixed number of decimals (default 0). */
  readonly decimals?: number;
  /** Trim trailing zeros of the decimals ("12,5" rather than "12,50"). */
  readonly trim?: boolean;
  /** Always show the sign of a non-zero value ("+3,2"). */
  readonly signed?: boolean;
}

/** `1234567.891` → `"1 234 568"`; `{ decimals: 1 }` → `"1 234 567,9"`. Non-finite → "—". */
export function formatNumber(value: number | null | undefined, opts: NumberOptions = {}): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return MISSING_LABEL;
  const decimals = opts.decimals ?? 0;
  return clean(
    formatter(opts.trim ? 0 : decimals, decimals, opts.signed ?? false).format(
      rounded(value, decimals),
    ),
  );
}

/** A signed gap with a true minus sign (U+2212): « +12,3 », « −4,0 », « 0,0 ». */
export function formatGap(value: number | null | undefined, decimals: number): string {
  return formatNumber(value, { decimals, signed: true }).replace('-', '\u2212');
}

/** A share already expressed in percent: `23.45` → `"23,5 %"` (1 decimal by default). */
export function formatPercent(
  value: number | null | undefined,
  opts: NumberOptions = { decimals: 1 },
): string {
  const n = formatNumber(value, { decimals: 1, ...opts });
  return n === MISSING_LABEL ? n : `${n}${NNBSP}%`;
}

/** A number followed by its unit: `(12.3, "pour 100 000 habitants", 1)` → `"12,3 pour 100 000 habitants"`. */
export function formatWithUnit(
  value: number | null | undefined,
  unit: string,
  decimals = 0,
): string {
  if (unit === '%') return formatPercent(value, { decimals });
  const n = formatNumber(value, { decimals });
  return n === MISSING_LABEL || unit === '' ? n : `${n}${NNBSP}${unit.replace(/ /g, NNBSP)}`;
}

/** A value that may have been hidden by statistical confidentiality. */
export function formatMeasure(
  value: number | null | undefined,
  suppressed: boolean,
  unit: string,
  decimals: number,
): string {
  return suppressed ? SUPPRESSED_LABEL : formatWithUnit(value, unit, decimals);
}

/** A 95 % interval: `(12.31, 14.5, 1)` → `"[12,3 ; 14,5]"` (French uses a semicolon). */
export function formatInterval(
  low: number | null | undefined,
  high: number | null | undefined,
  decimals = 1,
): string {
  if (low === null || low === undefined || high === null || high === undefined)
    return MISSING_LABEL;
  return `[${formatNumber(low, { decimals })}${NNBSP};${NNBSP}${formatNumber(high, { decimals })}]`;
}

const BYTE_UNITS = ['o', 'ko', 'Mo', 'Go', 'To'] as const;

/** File sizes in French units (octets, decimal multiples): `1_234_567` → `"1,2 Mo"`. */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return MISSING_LABEL;
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < BYTE_UNITS.length - 1) {
    value /= 1000;
    unit++;
  }
  const decimals = unit === 0 || value >= 100 ? 0 : 1;
  return `${formatNumber(value, { decimals, trim: true })}${NNBSP}${BYTE_UNITS[unit] ?? 'o'}`;
}
