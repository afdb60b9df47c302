/**
 * Writes into the built index.html what its head script (src/app/entry-preload-script.ts) asks
 * for on the Sites and report entry URLs: the view's chunk with the chunks it imports that the
 * entry does not, their CSS, and the prebaked results the data set's index marks for that view
 * (`views`, scripts/prebake.ts). Build only; without a prebaked index the URLs get the code only.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { HtmlTagDescriptor, Plugin, Rollup } from 'vite';
import { ENTRY_PRELOAD_ID, ENTRY_PRELOAD_SCRIPT } from '../../src/app/entry-preload-script';
import {
  PREBAKED_DIR,
  PREBAKED_INDEX,
  fetchedOnEntry,
  type PrebakedIndex,
} from '../../src/db/prebaked-index';
import { SITES_ENTRY_URLS } from '../../src/query/entry-urls';
import { parseState } from '../../src/state/url';

/** The module of each view an entry URL opens (src/app/routes.tsx). */
const VIEW_MODULES: Readonly<Record<string, string>> = {
  sites: '/src/views/SitesView.tsx',
  rapport: '/src/views/RapportView.tsx',
};

/** `fileName` and the chunks it imports statically, recursively. */
function closure(bundle: Rollup.OutputBundle, fileName: string): Set<string> {
  const seen = new Set<string>();
  const walk = (f: string): void => {
    if (seen.has(f)) return;
    seen.add(f);
    const c = bundle[f];
    for (const i of c?.type === 'chunk' ? c.imports : []) walk(i);
  };
  walk(fileName);
  return seen;
}

/** The data set's prebaked index, or null when it has none (the URLs then get the code only). */
function readIndex(dataDir: string): PrebakedIndex | null {
  try {
    return JSON.parse(fs.readFileSync(path.join(dataDir, PREBAKED_INDEX), 'utf8')) as PrebakedIndex;
  } catch {
    return null;
  }
}

export function entryPreload(dataDir: string): Plugin {
  let base = '/';
  return {
    name: 'observatoire-entry-preload',
    apply: 'build',
    configResolved(config) {
      base = config.base;
    },
    transformIndexHtml: {
      order: 'post',
      handler: (_html, ctx): HtmlTagDescriptor[] => {
        const bundle = ctx.bundle;
        if (!bundle) return [];
        const chunks = Object.values(bundle).filter(
          (c): c is Rollup.OutputChunk => c.type === 'chunk',
        );
        const entry = chunks.find((c) => c.isEntry);
        if (!entry) return [];
        const loaded = closure(bundle, entry.fileName);
        const index = readIndex(dataDir);
        const plan: Record<string, string[]> = {};
        for (const url of SITES_ENTRY_URLS) {
          const { view } = parseState(url).state;
          const module = VIEW_MODULES[view];
          if (!module) throw new Error(`entry-preload : vue inconnue pour ${url}`);
          const chunk = chunks.find((c) => c.facadeModuleId?.endsWith(module));
          if (!chunk) throw new Error(`entry-preload : chunk de ${module} introuvable`);
          const code = [...closure(bundle, chunk.fileName)].filter((f) => !loaded.has(f));
          const css = code.flatMap((f) => {
            const c = bundle[f];
            return c?.type === 'chunk' ? [...(c.viteMetadata?.importedCss ?? [])] : [];
          });
          plan[url] = [
            ...code.map((f) => `${base}${f}`),
            ...css.map((f) => `${base}${f}`),
            // The prebaked files a page opened on this view fetches at once (src/db/prebaked.ts).
            ...(index?.entries ?? [])
              .filter((e) => fetchedOnEntry(e, view))
              .map((e) => `${base}data/${PREBAKED_DIR}/${e.file}`),
          ];
        }
        return [
          {
            tag: 'script',
            attrs: { type: 'application/json', id: ENTRY_PRELOAD_ID },
            // JSON of file names: nothing to escape for HTML but `<`, which they never hold.
            children: JSON.stringify(plan),
            injectTo: 'head',
          },
          { tag: 'script', children: ENTRY_PRELOAD_SCRIPT, injectTo: 'head' },
        ];
      },
    },
  };
}
