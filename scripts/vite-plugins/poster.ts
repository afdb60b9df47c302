/**
 * The poster of the default Carte view in the built index.html (src/app/poster-page.tsx): the
 * page's first map on screen before any script of the app has run. Built only when the data set
 * in `data/` has its prebaked first views and poster geometry for the current entry queries
 * (`npm run data` / `data:ensure` write them, scripts/prebake.ts); otherwise the page is built
 * without a poster and works as before. Not in dev (the dev server serves the sources).
 *
 * The module is rendered through a Vite server in SSR mode, so the app's TSX, CSS imports and
 * DSFR components load as they do in the bundle.
 */
import fs from 'node:fs';
import path from 'node:path';
import {
  createServer,
  type HtmlTagDescriptor,
  type IndexHtmlTransformContext,
  type Plugin,
} from 'vite';
import { PREBAKED_DIR, PREBAKED_INDEX } from '../../src/db/prebaked-index';
import { posterFile } from '../../src/map/poster-format';
import { POSTER_HEAD_SCRIPT, POSTER_STYLES_SLOT } from '../../src/map/poster-scripts';
import { classesOf, posterImageOverrides } from '../lib/poster-images';
import { rasterizeSvgDataUrl, rasterizeToDataUrl } from '../lib/poster-raster';
import type { Poster, PosterSource } from '../../src/app/poster-page';

function readJson<T>(file: string): T | null {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
  } catch {
    return null;
  }
}

/** Renders the poster of the data set in `dataDir`, or null (said in the build's log). */
async function render(root: string, dataDir: string): Promise<Poster | null> {
  const manifest = readJson<PosterSource['manifest']>(path.join(dataDir, 'manifest.json'));
  const index = readJson<PosterSource['index']>(path.join(dataDir, PREBAKED_INDEX));
  if (!manifest || !index) return null;
  const server = await createServer({
    configFile: false,
    root,
    logLevel: 'error',
    server: { middlewareMode: true, hmr: false, ws: false },
    appType: 'custom',
    optimizeDeps: { noDiscovery: true, include: [] },
    // DSFR's components import their own assets: bundled, not required from node_modules.
    ssr: { noExternal: ['@codegouvfr/react-dsfr'] },
  });
  try {
    const mod = (await server.ssrLoadModule('/src/app/poster-page.tsx')) as {
      renderPoster: (src: PosterSource) => Poster | null;
    };
    const prebaked = path.join(dataDir, PREBAKED_DIR);
    return mod.renderPoster({
      manifest,
      index,
      prebaked: (file) => {
        const f = path.join(prebaked, path.basename(file));
        return fs.existsSync(f) ? new Uint8Array(fs.readFileSync(f)) : null;
      },
      geometry: (level) => readJson(path.join(prebaked, posterFile(level))),
      rasterize: rasterizeToDataUrl,
    });
  } finally {
    await server.close();
  }
}

const ROOT_DIV = '<div id="root"></div>';

/**
 * The CSS of the page's stylesheet `links` (the bundle's assets, in their order), with its SVG
 * pictures that the poster may show as PNG (scripts/lib/poster-images.ts): a `<style>` for the
 * poster's shadow root.
 */
function pictureOverrides(
  links: string[],
  posterHtml: string,
  ctx: IndexHtmlTransformContext,
): string {
  const css = links.map((link) => {
    const href = /href="\/([^"]+)"/.exec(link)?.[1];
    const asset = href ? ctx.bundle?.[href] : undefined;
    if (!asset || asset.type !== 'asset')
      throw new Error(`index.html : feuille de style ${href ?? link} absente du bundle`);
    return String(asset.source);
  });
  const overrides = posterImageOverrides(
    css.join('\n'),
    classesOf(posterHtml),
    rasterizeSvgDataUrl,
  );
  return overrides ? `<style>${overrides}</style>` : '';
}

export function poster(dataDir: string): Plugin {
  let rendered: Poster | null = null;
  let root = process.cwd();
  return {
    name: 'observatoire-poster',
    apply: 'build',
    configResolved(config) {
      root = config.root;
    },
    async buildStart() {
      rendered = await render(root, dataDir);
      this.info(
        rendered
          ? `affiche de la carte : ${(rendered.html.length / 1e3).toFixed(0)} ko dans index.html`
          : 'affiche de la carte : absente (pas de premières vues précalculées pour ces données)',
      );
    },
    transformIndexHtml: {
      order: 'post',
      handler: (html, ctx): { html: string; tags: HtmlTagDescriptor[] } | string => {
        if (!rendered) return html;
        if (!html.includes(ROOT_DIV)) throw new Error(`index.html : ${ROOT_DIV} introuvable`);
        // The page's stylesheets (Vite has linked the bundle's CSS by now), again in the poster's
        // shadow root, then their SVG pictures as PNG for the poster.
        const links = html.match(/<link rel="stylesheet"[^>]*>/g) ?? [];
        if (links.length === 0) throw new Error('index.html : aucune feuille de style à reprendre');
        const poster = rendered.html.replace(
          POSTER_STYLES_SLOT,
          links.join('') + pictureOverrides(links, rendered.html, ctx),
        );
        return {
          // Before #root: the app renders into #root, under the poster, while the poster shows.
          html: html.replace(ROOT_DIV, `${poster}\n    ${ROOT_DIV}`),
          tags: [
            { tag: 'style', children: rendered.css, injectTo: 'head' },
            { tag: 'script', children: POSTER_HEAD_SCRIPT, injectTo: 'head' },
          ],
        };
      },
    },
  };
}
