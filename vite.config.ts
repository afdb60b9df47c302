/// <reference types="vitest/config" />
import { defineConfig, type Plugin } from 'vite';
import type { IncomingMessage, ServerResponse } from 'node:http';
import react from '@vitejs/plugin-react';
import { contentSecurityPolicy } from './scripts/vite-plugins/csp';
import { immutableAssets } from './scripts/vite-plugins/immutable-assets';
import { offline } from './scripts/vite-plugins/offline';
import { poster } from './scripts/vite-plugins/poster';
import { entryPreload } from './scripts/vite-plugins/entry-preload';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Built datasets live in data/ (git-ignored) and are never put in public/ (STYLE.md): this plugin
 * serves them under /data/ in dev and preview, and copies them into dist/data at build time.
 * data/fixtures/ is served too, so browser tests can point the app at the tiny committed fixtures.
 */
function dataDir(): Plugin {
  const root = path.resolve(import.meta.dirname, 'data');
  const types: Record<string, string> = {
    '.parquet': 'application/vnd.apache.parquet',
    '.json': 'application/json',
    '.geojson': 'application/geo+json',
    '.csv': 'text/csv; charset=utf-8',
    '.pbf': 'application/x-protobuf',
  };
  const serve = (req: IncomingMessage, res: ServerResponse, next: () => void): void => {
    const url = decodeURIComponent((req.url ?? '').split('?')[0] ?? '');
    if (!url.startsWith('/data/')) return next();
    const file = path.resolve(root, '.' + url.slice('/data'.length));
    if (!file.startsWith(root + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.statusCode = 404;
      res.end('not found');
      return;
    }
    res.setHeader('Content-Type', types[path.extname(file)] ?? 'application/octet-stream');
    res.setHeader('Cache-Control', 'no-cache');
    fs.createReadStream(file).pipe(res);
  };
  return {
    name: 'observatoire-data',
    configureServer(server) {
      server.middlewares.use(serve);
    },
    configurePreviewServer(server) {
      server.middlewares.use(serve);
    },
    writeBundle(options) {
      const out = path.join(options.dir ?? 'dist', 'data');
      if (fs.existsSync(root))
        fs.cpSync(root, out, { recursive: true, filter: (src) => !src.endsWith('README.md') });
    },
  };
}

export default defineConfig({
  plugins: [
    react(),
    dataDir(),
    ...offline(path.resolve(import.meta.dirname, 'data')),
    poster(path.resolve(import.meta.dirname, 'data')),
    entryPreload(path.resolve(import.meta.dirname, 'data')),
    contentSecurityPolicy(),
    immutableAssets(),
  ],
  worker: { format: 'es' },
  assetsInclude: ['**/*.wasm'],
  build: { target: 'es2022', chunkSizeWarningLimit: 4000 },
  optimizeDeps: { exclude: ['@duckdb/duckdb-wasm', 'parquet-wasm'] },
  test: {
    include: ['src/**/*.test.{ts,tsx}', 'scripts/**/*.test.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Vitest's default is one worker less than the CPUs: a single worker on CI's 2 cores, while
    // most files wait on DuckDB-WASM in their own process; two run side by side.
    maxWorkers: 2,
    env: { TZ: 'UTC' },
  },
});
