/**
 * Writes into the built index.html what its head script (src/app/entry-preload-script.ts) asks
 * for on the Sites and report entry URLs: the view's chunk with the chunks it imports that the
 * entry does not, their CSS, and the prebaked results the data set's index marks for that view
 * (`views`, scripts/prebake.ts). Build only; without a prebaked index the URLs get the code only.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { HtmlTagDescriptor, Plugin } from 'vite';
import { ENTRY_PRELOAD_ID, ENTRY_PRELOAD_SCRIPT } from '../../src/app/entry-preload-script';
import { SITES_ENTRY_URLS } from '../../src/query/entry-urls';

/** The view module each entry URL opens (src/app/routes.tsx). */
const VIEW_MODULES: Readonly<Record<string, { view: string; module: string }>> = {
  '?vue=sites': { view: 'sites', module: '/src/views/SitesView.tsx' },
  '?vue=rapport': { view: 'rapport', module: '/src/views/RapportView.tsx' },
};

interface ChunkLike {
  readonly type: 'chunk';
  readonly fileName: string;
  readonly isEntry: boolean;
  readonly facadeModuleId: string | null;
  readonly imports: readonly string[];
  readonly viteMetadata?: { readonly importedCss: Set<string> };
}

/** `fileName` and the chunks it imports statically, recursively. */
function closure(bundle: Record<string, { type: string }>, fileName: string): Set<string> {
  const seen = new Set<string>();
  const walk = (f: string): void => {
    if (seen.has(f)) return;
    seen.add(f);
    const c = bundle[f] as ChunkLike | undefined;
    for (const i of c?.type === 'chunk' ? c.imports : []) walk(i);
  };
  walk(fileName);
  return seen;
}

/** The prebaked files the index marks for `view`, or none. */
function prebakedFiles(dataDir: string, view: string): string[] {
  try {
    const index = JSON.parse(
      fs.readFileSync(path.join(dataDir, 'prebaked', 'index.json'), 'utf8'),
    ) as {
      entries?: readonly { readonly file: string; readonly views?: readonly string[] }[];
    };
    return (index.entries ?? []).filter((e) => e.views?.includes(view)).map((e) => e.file);
  } catch {
    return [];
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
          (c): c is typeof c & ChunkLike => c.type === 'chunk',
        ) as unknown as ChunkLike[];
        const entry = chunks.find((c) => c.isEntry);
        if (!entry) return [];
        const loaded = closure(bundle, entry.fileName);
        const plan: Record<string, string[]> = {};
        for (const url of SITES_ENTRY_URLS) {
          const target = VIEW_MODULES[url];
          if (!target) throw new Error(`entry-preload : vue inconnue pour ${url}`);
          const chunk = chunks.find((c) => c.facadeModuleId?.endsWith(target.module));
          if (!chunk) throw new Error(`entry-preload : chunk de ${target.module} introuvable`);
          const code = [...closure(bundle, chunk.fileName)].filter((f) => !loaded.has(f));
          const css = code.flatMap((f) => [
            ...((bundle[f] as unknown as ChunkLike).viteMetadata?.importedCss ?? []),
          ]);
          plan[url] = [
            ...code.map((f) => `${base}${f}`),
            ...css.map((f) => `${base}${f}`),
            ...prebakedFiles(dataDir, target.view).map((f) => `${base}data/prebaked/${f}`),
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
