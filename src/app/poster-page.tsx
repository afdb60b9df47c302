/**
 * The poster of the default Carte view, rendered to HTML at build time
 * (scripts/vite-plugins/poster.ts loads this module through Vite's SSR): the shell (skip links,
 * header, the synthetic-data note, footer) and the view (CartePoster) from the app's own
 * components, with the results the pipeline prebaked for that state (the same bytes the page
 * reads while the engine starts) and the map's prebaked geometry. The page shows it until its
 * own map has painted (src/map/poster-handover.ts).
 *
 * The HTML goes beside `#root`, so its ids get a prefix and the hooks tests and the bench look
 * for (`data-testid`, `data-view-name`, `data-painted`) another name: nothing finds the poster
 * when it looks for the live page.
 */
import { tableFromIPC, type Table } from 'apache-arrow';
import { SkipLinks } from '@codegouvfr/react-dsfr/SkipLinks';
import type { JSX } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { indicatorOrDefault, type DatasetManifest, type MapLevel } from '../catalogue';
import { PREBAKED_FORMAT, datasetFingerprint, type PrebakedIndex } from '../db/prebaked-index';
import { readResult } from '../map/join';
import { POSTER_FORMAT, type PosterGeometry } from '../map/poster-format';
import {
  POSTER_FIT_SCRIPT,
  POSTER_ID,
  POSTER_PAINT_SCRIPT,
  POSTER_STYLES_SLOT,
} from '../map/poster-scripts';
import { MESSAGES } from '../messages';
import { mapQueries, mapReferenceQuery } from '../query';
import { carteFirstLevel } from '../query/entry-queries';
import { filtersOf } from '../state/filters';
import { parseState } from '../state/url';
import { CartePoster } from '../views/carte/CartePoster';
import { deriveMap } from '../views/carte/map-derive';
import { slicePartYear } from '../views/carte/use-map-result';
import carteCss from '../views/carte/carte.css?inline';
import { AppFooter } from './AppFooter';
import { AppHeader } from './AppHeader';
import { SyntheticNotice } from './Notices';

export interface PosterSource {
  readonly manifest: DatasetManifest;
  readonly index: PrebakedIndex;
  /** A prebaked result's bytes (file name under the prebaked folder), null if absent. */
  readonly prebaked: (file: string) => Uint8Array | null;
  /** A level's poster geometry, null if absent. */
  readonly geometry: (level: MapLevel) => PosterGeometry | null;
  /** A standalone SVG document rasterized to a PNG `data:` URL (the map's areas, PosterMap). */
  readonly rasterize: (svg: string) => string;
}

export interface Poster {
  /**
   * The poster's element and its scripts, to put before `#root`; POSTER_STYLES_SLOT in it is for the
   * page's stylesheet links (the build knows their names).
   */
  readonly html: string;
  /** The style of its place in the page (`<head>`). */
  readonly css: string;
}

/** The CSS of the poster's place: over the page, inert, gone once `<html>` says so. */
const PLACE_CSS = `#${POSTER_ID}{position:absolute;top:0;left:0;width:100%;z-index:2000;background:var(--background-default-grey,#fff);pointer-events:none}
.observatoire-no-poster #${POSTER_ID}{display:none}`;

/** Inside the shadow root: the map's box (the Carte view's own CSS comes with it). */
const MAP_CSS = `.observatoire-poster__map{position:absolute;top:0;left:0;width:100%;height:100%;display:block}`;

/** Ids, references to ids, and test hooks renamed so that the live page's stay unique. */
function rename(html: string): string {
  return (
    html
      // The header's « Paramètres d’affichage » dialog: closed, and its artwork is the bundle's.
      .replace(/<dialog[\s\S]*?<\/dialog>/g, '')
      .replace(
        /\b(id|for|aria-controls|aria-labelledby|aria-describedby)="([^"]+)"/g,
        (_, a: string, v: string) =>
          `${a}="${v
            .split(' ')
            .map((x) => `affiche-${x}`)
            .join(' ')}"`,
      )
      .replace(/\bhref="#([^"]+)"/g, 'href="#affiche-$1"')
      .replace(/\bdata-(testid|view-name|painted|nav)="/g, 'data-poster-$1="')
  );
}

/** The default Carte view's table of `sql`, if prebaked for this very data set. */
function prebakedTable(src: PosterSource, sql: string): Table | null {
  if (src.index.format !== PREBAKED_FORMAT) return null;
  if (src.index.dataset !== datasetFingerprint(src.manifest)) return null;
  const entry = src.index.entries.find((e) => e.sql === sql);
  const bytes = entry ? src.prebaked(entry.file) : null;
  return bytes ? tableFromIPC(bytes) : null;
}

/** The poster of the default Carte view, or null when the data set's prebaked files lack it. */
export function renderPoster(src: PosterSource): Poster | null {
  const state = parseState('').state;
  const indicator = indicatorOrDefault(state.indicator);
  const level = carteFirstLevel(state);
  const filters = filtersOf(indicator, state);
  const q = mapQueries(indicator, level, state.year, filters);
  const table = prebakedTable(src, q.run);
  const geometry = src.geometry(level);
  if (
    !table ||
    !geometry ||
    geometry.format !== POSTER_FORMAT ||
    geometry.dataset !== src.index.dataset ||
    level === 'qpv'
  )
    return null;
  const shown = q.sliced ? slicePartYear(table, filters.territoryType, state.year) : table;
  const cols = readResult(shown);
  const refSql = mapReferenceQuery(indicator, filters);
  let reference: number | null = null;
  if (refSql !== null) {
    const national = prebakedTable(src, refSql);
    if (!national) return null;
    const v: unknown = slicePartYear(national, state.territoryType, state.year).get(0)?.value;
    reference = typeof v === 'number' ? v : null;
  }
  const manifest = src.manifest;
  const derived = deriveMap(cols, indicator, level, {
    method: state.classification,
    classes: state.classes,
    features: manifest.geometry.find((g) => g.level === level)?.features ?? cols.length,
    reference,
    qpvAtCommunes: manifest.geometry.find((g) => g.level === 'qpv')?.pointPosition !== 'contour',
  });
  const page: JSX.Element = (
    <div id="observatoire">
      <SkipLinks
        links={[
          { label: MESSAGES.skipToContent, anchor: '#contenu' },
          { label: MESSAGES.skipToFooter, anchor: '#pied-de-page' },
        ]}
      />
      <AppHeader state={state} update={() => undefined} />
      <SyntheticNotice synthetic={manifest.synthetic} />
      <main id="contenu" tabIndex={-1} style={{ outline: 'none' }}>
        <section className="observatoire-view" aria-busy="false" data-view-name="carte">
          <CartePoster
            state={state}
            manifest={manifest}
            indicator={indicator}
            level={level}
            cols={cols}
            derived={derived}
            geometry={geometry}
            rasterize={src.rasterize}
          />
        </section>
      </main>
      <AppFooter />
    </div>
  );
  // In a declarative shadow root: DSFR's script scans the document and watches it for its
  // components (header, navigation, modal, range…) and would start the poster's copies too, which
  // cost the engine's start seconds; it does not look into shadow roots. The document's custom
  // properties (`:root`) and inherited styles reach in; its rules do not, hence the links and the
  // Carte view's CSS (which otherwise comes with the view's lazy chunk) inside.
  const html =
    `<div id="${POSTER_ID}" inert aria-hidden="true"><template shadowrootmode="open">` +
    `${POSTER_STYLES_SLOT}<style>${MAP_CSS}\n${carteCss}</style>` +
    `${rename(renderToStaticMarkup(page))}</template></div>` +
    `<script>${POSTER_FIT_SCRIPT}</script><script>${POSTER_PAINT_SCRIPT}</script>`;
  return { html, css: PLACE_CSS };
}
