/**
 * Colours of the map. Sequential ramps keep a monotonic lightness (readable by colour-blind users
 * and in greyscale print); the diverging ramp is blue ↔ orange, the pair that stays distinct under
 * deuteranopia, protanopia and tritanopia. The blue end is DSFR's « bleu France » (#000091).
 */
import type { IndicatorDefinition } from '../catalogue';

/** Light → dark, 7 steps of DSFR blue; fewer classes take evenly spaced steps. */
export const SEQUENTIAL_BLUE = [
  '#e8edff',
  '#c5cff7',
  '#9fb0ec',
  '#7a8fe0',
  '#5669cf',
  '#3141b5',
  '#000091',
] as const;

/** From the neutral centre outwards, for values below the reference (favourable side). */
const DIVERGING_COOL = ['#c9d6f2', '#93aee2', '#5f85cc', '#3a5fb0', '#1f3f8f', '#0b2470'] as const;
/** From the neutral centre outwards, for values above the reference (unfavourable side). */
const DIVERGING_WARM = ['#f8d3a5', '#f0aa62', '#dc8030', '#b75d16', '#8b420b', '#62300a'] as const;
const DIVERGING_NEUTRAL = '#f2f0eb';

export const NO_DATA_COLOR = '#eeeeee';
export const SECRET_COLOR = '#b4b4b4';
export const SELECTED_COLOR = '#e1000f';
export const CIRCLE_COLOR = '#000091';
export const SERVICE_COLOR = '#18753c';
export const BACKGROUND_COLOR = '#f6f6f6';

/** `k` colours of the sequential ramp, light to dark. */
export function sequentialColors(k: number): string[] {
  const n = SEQUENTIAL_BLUE.length;
  if (k <= 0) return [];
  if (k === 1) return [SEQUENTIAL_BLUE[Math.floor(n / 2)] ?? '#7a8fe0'];
  return Array.from(
    { length: k },
    (_, i) => SEQUENTIAL_BLUE[Math.round((i * (n - 1)) / (k - 1))] ?? '',
  );
}

/**
 * `k` diverging colours around the class `pivot` (the class holding the reference value, drawn
 * neutral). `highIsBad` puts the warm side above the pivot; otherwise blue is above.
 */
export function divergingColors(k: number, pivot: number, highIsBad: boolean): string[] {
  const p = Math.max(0, Math.min(k - 1, pivot));
  const above = highIsBad ? DIVERGING_WARM : DIVERGING_COOL;
  const below = highIsBad ? DIVERGING_COOL : DIVERGING_WARM;
  const span = Math.max(p, k - 1 - p, 1);
  const pick = (ramp: readonly string[], d: number): string =>
    ramp[
      Math.min(ramp.length - 1, Math.round(((d - 1) * (ramp.length - 1)) / Math.max(span - 1, 1)))
    ] ?? '';
  return Array.from({ length: k }, (_, i) =>
    i === p ? DIVERGING_NEUTRAL : i > p ? pick(above, i - p) : pick(below, p - i),
  );
}

/** A diverging scale needs a direction (polarity) and a reference to diverge from. */
export function usesDiverging(indicator: IndicatorDefinition, reference: number | null): boolean {
  return indicator.kind === 'rate' && indicator.polarity !== 'neutre' && reference !== null;
}
