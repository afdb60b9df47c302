/**
 * The Content-Security-Policy of the app, written once and delivered three ways: as a header by
 * `vite preview` (`npm start` and the browser tests), in a `_headers` file for static hosts that
 * read one (Netlify, Cloudflare Pages), and as a `<meta http-equiv>` in the built index.html for
 * hosts that set no header at all. Not in dev: Vite's dev server injects an inline script.
 *
 * - scripts: the app's own files, and the poster's three inline scripts by their SHA-256 (the
 *   first map drawn in index.html, src/map/poster-scripts.ts), never `eval`; `'wasm-unsafe-eval'` lets
 *   DuckDB-WASM and parquet-wasm compile their WebAssembly (the page and DuckDB's worker);
 * - styles: `'unsafe-inline'`, because Observable Plot writes a `<style>` element into each chart
 *   (scoped to a generated class) and the shell's bundle inserts `<style>` elements too (without
 *   it the browser tests count hundreds of `style-src-elem` violations); no script comes in that
 *   way;
 * - workers: the app's files (DuckDB, MapLibre, the service worker) and `blob:`;
 * - images: `data:` and `blob:` for the map's sprites, the PNG export and DSFR's icons;
 * - no `frame-ancestors`: whether the app may be embedded is the embedding's decision (and a
 *   `<meta>` CSP cannot carry it).
 */
import crypto from 'node:crypto';
import type { Plugin } from 'vite';
import { POSTER_SCRIPTS } from '../../src/map/poster-scripts';
import { ENTRY_PRELOAD_SCRIPT } from '../../src/app/entry-preload-script';
import { IMMUTABLE_HEADERS_RULE } from './immutable-assets';

/** The CSP source that allows one inline script, by its text. */
export const scriptHash = (text: string): string =>
  `'sha256-${crypto.createHash('sha256').update(text, 'utf8').digest('base64')}'`;

const DIRECTIVES: Readonly<Record<string, readonly string[]>> = {
  'default-src': ["'self'"],
  // The poster's three inline scripts (src/map/poster-scripts.ts) and the entry views' preload
  // (src/app/entry-preload-script.ts), by their hashes: constant texts, so the policy is the same
  // whether a build carries the poster or not.
  'script-src': [
    "'self'",
    "'wasm-unsafe-eval'",
    ...[...POSTER_SCRIPTS, ENTRY_PRELOAD_SCRIPT].map(scriptHash),
  ],
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'font-src': ["'self'"],
  'connect-src': ["'self'"],
  'worker-src': ["'self'", 'blob:'],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
  'form-action': ["'self'"],
};

/** The policy, as one header value. */
export const CONTENT_SECURITY_POLICY = Object.entries(DIRECTIVES)
  .map(([name, values]) => `${name} ${values.join(' ')}`)
  .join('; ');

/** Serves the policy in `vite preview` and writes it into the build. */
export function contentSecurityPolicy(): Plugin {
  return {
    name: 'observatoire-csp',
    config: () => ({
      preview: { headers: { 'Content-Security-Policy': CONTENT_SECURITY_POLICY } },
    }),
    transformIndexHtml: {
      order: 'post',
      handler: (_html, ctx) =>
        ctx.server
          ? []
          : [
              {
                tag: 'meta',
                attrs: {
                  'http-equiv': 'Content-Security-Policy',
                  content: CONTENT_SECURITY_POLICY,
                },
                injectTo: 'head-prepend',
              },
            ],
    },
    generateBundle() {
      this.emitFile({
        type: 'asset',
        fileName: '_headers',
        source: `/*\n  Content-Security-Policy: ${CONTENT_SECURITY_POLICY}\n${IMMUTABLE_HEADERS_RULE}`,
      });
    },
  };
}
