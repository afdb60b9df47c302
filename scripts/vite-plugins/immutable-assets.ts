/**
 * Files under `assets/` carry a content hash in their name (Vite's asset hashing: DuckDB's
 * 34 MB wasm becomes `assets/duckdb-eh-<hash>.wasm`), so a browser may keep them for good and
 * never ask again: `Cache-Control: public, max-age=31536000, immutable`, set by `vite preview`
 * (`npm start`, whose static server otherwise says `no-cache`) and written into `_headers` for
 * static hosts that read one. Their `Content-Type` is the static server's (`application/wasm` for
 * a wasm, which `WebAssembly.instantiateStreaming` requires).
 */
import type { Plugin } from 'vite';

/** The header value for hashed assets. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';

/** The `_headers` rule for hashed assets (appended to the CSP plugin's file). */
export const IMMUTABLE_HEADERS_RULE = `/assets/*\n  Cache-Control: ${IMMUTABLE}\n`;

export function immutableAssets(): Plugin {
  return {
    name: 'observatoire-immutable-assets',
    configurePreviewServer(server) {
      server.middlewares.use((req, res, next) => {
        if ((req.url ?? '').startsWith('/assets/')) {
          // The static server sets its own Cache-Control after this runs: keep ours.
          const setHeader = res.setHeader.bind(res);
          res.setHeader = (name, value) =>
            name.toLowerCase() === 'cache-control' ? res : setHeader(name, value);
          setHeader('Cache-Control', IMMUTABLE);
        }
        next();
      });
    },
  };
}
