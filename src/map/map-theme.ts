/**
 * The map's two themes: colours of what is not data, light and dark (DSFR). `themePaint` in
 * map-style.ts says which layer paint each one sets.
 */
import { BACKGROUND_COLOR } from './palette';

/**
 * Colours of what is not data (background, land, context and outline lines, hover) in the light
 * and the dark DSFR themes. Data colours (classes, « secret statistique » grey and its hatch,
 * « non disponible ») are the same in both: the legend, the tooltip and exported images read them.
 */
export interface MapTheme {
  readonly background: string;
  readonly land: string;
  readonly landOutline: string;
  readonly context: string;
  readonly qpvLine: string;
  readonly hover: string;
}

export type MapThemeName = 'light' | 'dark';

export const MAP_THEMES: Readonly<Record<MapThemeName, MapTheme>> = {
  light: {
    background: BACKGROUND_COLOR,
    land: '#ffffff',
    landOutline: '#d0d0d0',
    context: '#3a3a3a',
    qpvLine: '#3a3a3a',
    hover: '#161616',
  },
  // DSFR dark greys: background-default-grey #161616, alt #1e1e1e, text #cecece.
  dark: {
    background: '#161616',
    land: '#2a2a2a',
    landOutline: '#5a5a5a',
    context: '#cecece',
    qpvLine: '#cecece',
    hover: '#ffffff',
  },
};
