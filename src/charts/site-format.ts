/** Number formatting of the Sites charts: the app's fr-FR formatting (src/format), shortened. */
import { formatNumber as formatFr } from '../format';

/** `(1234.5, 1)` → `"1 234,5"` (narrow no-break spaces, decimal comma). */
export function formatNumber(value: number, decimals: number): string {
  return formatFr(value, { decimals });
}

/** A signed gap with a true minus sign: « +12,3 », « −4,0 », « 0,0 ». */
export function formatGap(value: number, decimals: number): string {
  return formatFr(value, { decimals, signed: true }).replace('-', '−');
}
