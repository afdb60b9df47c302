/**
 * The service worker that makes the app work offline after a first visit, generated at build time
 * by vite-plugin-pwa (Workbox) from the bundle and the data set (src/app/offline.ts registers it,
 * in production builds only). What it keeps, and why:
 *
 * - precached at install (each file with a content hash, so a deployment re-downloads only what
 *   changed and drops the rest): the app shell and every lazy chunk, the fonts (woff2), the
 *   Parquet decoder's wasm, DuckDB's `eh` wasm (the build every current browser picks), the data
 *   set's manifest and the tables it lists, its prebaked first views, the light geometry
 *   (regions, départements, EPCI, QPV), and the communes' vector tiles up to zoom 6 (national
 *   and regional views, 50 files, ~28 MB);
 * - cached on first use, in a cache named after the data set's version (the manifest's hash;
 *   src/app/offline.ts deletes the caches of older versions): the communes' tiles of zoom 7-10
 *   (6,000 files, ~43 MB, of which a user sees a few), any other geometry (the communes' GeoJSON,
 *   read only by a data set without tiles), and DuckDB's `mvp` wasm (older browsers only).
 *   Precaching them would triple the first visit's download for files most users never ask for.
 *
 * data/fixtures/ (the browser tests' data) and the poster's geometry (read at build time only)
 * are never cached.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

/** Commune tiles up to this zoom are precached; deeper ones are cached when viewed. */
const PRECACHED_TILE_ZOOM = 6;

interface ManifestFiles {
  readonly tables?: readonly { readonly file: string }[];
  readonly geometry?: readonly {
    readonly file: string;
    readonly points?: string;
    readonly tiles?: { readonly areas: string; readonly points: string };
  }[];
}

/** The data set's files to precache, relative to the build's root (`data/…`), as glob patterns. */
function dataPatterns(manifest: ManifestFiles): string[] {
  // The entry views' prebaked results (scripts/prebake.ts): the first map offline, too.
  const patterns = ['data/manifest.json', 'data/prebaked/*'];
  for (const t of manifest.tables ?? []) patterns.push(`data/${t.file}`);
  for (const g of manifest.geometry ?? []) {
    if (g.tiles) {
      // `geo/tiles/commune/{z}/{x}/{y}.pbf` → `data/geo/tiles/commune/{0,1,…,6}/*/*.pbf`
      const zooms = `{${Array.from({ length: PRECACHED_TILE_ZOOM + 1 }, (_, z) => z).join(',')}}`;
      for (const t of [g.tiles.areas, g.tiles.points])
        patterns.push(`data/${t.replace('{z}', zooms).replace('{x}', '*').replace('{y}', '*')}`);
      continue;
    }
    patterns.push(`data/${g.file}`);
    if (g.points) patterns.push(`data/${g.points}`);
  }
  return patterns;
}

/** The service worker plugin for the data set in `dataDir` (its manifest.json, if built). */
export function offline(dataDir: string): Plugin[] {
  const manifestFile = path.join(dataDir, 'manifest.json');
  const manifestText = fs.existsSync(manifestFile) ? fs.readFileSync(manifestFile, 'utf8') : '{}';
  const version = crypto.createHash('sha256').update(manifestText).digest('hex').slice(0, 12);
  const dataCache = `observatoire-donnees-${version}`;
  return [
    {
      name: 'observatoire-offline-version',
      config: () => ({ define: { 'import.meta.env.VITE_DATA_CACHE': JSON.stringify(dataCache) } }),
    },
    ...VitePWA({
      strategies: 'generateSW',
      filename: 'sw.js',
      injectRegister: false,
      registerType: 'autoUpdate',
      manifest: false,
      workbox: {
        globPatterns: [
          '*.html',
          'assets/*.{js,mjs,css,svg,woff2}',
          'assets/parquet_wasm_bg-*.wasm',
          'assets/duckdb-eh-*.wasm',
          ...dataPatterns(JSON.parse(manifestText) as ManifestFiles),
        ],
        // The poster's geometry (prebaked/poster-<level>.json) is read by the build only
        // (scripts/vite-plugins/poster.ts draws it into index.html): the page never asks for it.
        globIgnores: ['data/fixtures/**', 'data/prebaked/poster-*.json'],
        // DuckDB's wasm is 34 MB, non_recours.parquet 10 MB.
        maximumFileSizeToCacheInBytes: 48 * 1024 * 1024,
        dontCacheBustURLsMatching: /\/assets\//,
        navigateFallback: 'index.html',
        navigateFallbackDenylist: [/\/data\//],
        cleanupOutdatedCaches: true,
        clientsClaim: true,
        skipWaiting: true,
        runtimeCaching: [
          {
            urlPattern: ({ url, sameOrigin }) => sameOrigin && url.pathname.includes('/data/geo/'),
            handler: 'CacheFirst',
            options: { cacheName: dataCache },
          },
          {
            urlPattern: ({ url, sameOrigin }) =>
              sameOrigin && /\/assets\/.*\.wasm$/.test(url.pathname),
            handler: 'CacheFirst',
            options: { cacheName: 'observatoire-moteur', expiration: { maxEntries: 4 } },
          },
        ],
      },
    }),
  ];
}
