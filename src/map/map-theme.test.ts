/**
 * The map's colours against their background in both themes (WCAG ratios): lines and symbols
 * need 3:1 (non-text), and the « secret statistique » hatch must stand out from its grey.
 */
import { describe, expect, it } from 'vitest';
import { hatchImage } from './map-images';
import { themePaint } from './map-style';
import { MAP_THEMES, type MapThemeName } from './map-theme';
import { SECRET_COLOR, SELECTED_COLOR } from './palette';

function rgb(hex: string): [number, number, number] {
  const n = parseInt(hex.replace('#', ''), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}
function luminance([r, g, b]: readonly number[]): number {
  const f = (v: number): number => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * f(r ?? 0) + 0.7152 * f(g ?? 0) + 0.0722 * f(b ?? 0);
}
function contrast(a: readonly number[], b: readonly number[]): number {
  const [x, y] = [luminance(a), luminance(b)];
  return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
}

describe('map themes', () => {
  for (const name of ['light', 'dark'] as MapThemeName[]) {
    const t = MAP_THEMES[name];
    it(`${name}: context lines, hover and selection outlines stand out (≥ 3:1)`, () => {
      expect(contrast(rgb(t.context), rgb(t.background))).toBeGreaterThanOrEqual(3);
      expect(contrast(rgb(t.context), rgb(t.land))).toBeGreaterThanOrEqual(3);
      expect(contrast(rgb(t.hover), rgb(t.background))).toBeGreaterThanOrEqual(3);
      expect(contrast(rgb(t.qpvLine), rgb(t.land))).toBeGreaterThanOrEqual(3);
      expect(contrast(rgb(SELECTED_COLOR), rgb(t.background))).toBeGreaterThanOrEqual(3);
    });
  }

  it('the themes differ only in what is not data, and set every hover outline', () => {
    const light = themePaint(MAP_THEMES.light);
    const dark = themePaint(MAP_THEMES.dark);
    expect(light.map(([id, prop]) => `${id}.${prop}`)).toEqual(
      dark.map(([id, prop]) => `${id}.${prop}`),
    );
    expect(dark.filter(([id]) => id.startsWith('hover-')).length).toBe(5);
    expect(dark.find(([id]) => id === 'background')?.[2]).toBe('#161616');
  });

  it('the secret hatch stands out from the secret grey it covers (same in both themes)', () => {
    const { data } = hatchImage();
    const alpha = (data[3] ?? 0) / 255;
    const base = rgb(SECRET_COLOR);
    const line = base.map((c, i) => Math.round(alpha * (data[i] ?? 0) + (1 - alpha) * c));
    expect(contrast(line, base)).toBeGreaterThanOrEqual(3);
  });
});
