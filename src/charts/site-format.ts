/** fr-FR number formatting shared by the Sites charts, tables and report. */

const cache = new Map<number, Intl.NumberFormat>();

/** Formats a number with `decimals` decimals, French separators (1 234,5). */
export function formatNumber(value: number, decimals: number): string {
  let f = cache.get(decimals);
  if (!f) {
    f = new Intl.NumberFormat('fr-FR', {
      minimumFractionDigits: decimals,
      maximumFractionDigits: decimals,
    });
    cache.set(decimals, f);
  }
  // Intl uses a narrow no-break space as group separator; keep it (it never wraps).
  return f.format(value);
}

/** A signed gap, e.g. « +12,3 » or « −4,0 » (true minus sign). */
export function formatGap(value: number, decimals: number): string {
  const text = formatNumber(Math.abs(value), decimals);
  if (Number(text.replace(/\s/g, '').replace(',', '.')) === 0) return text;
  return value > 0 ? `+${text}` : `−${text}`;
}
