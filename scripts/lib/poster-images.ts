/**
 * The poster's DSFR pictures as PNG (scripts/vite-plugins/poster.ts): DSFR draws its logo, its
 * icons and the select's arrow as SVG `data:` URLs (backgrounds and masks). Under software
 * rendering each SVG picture costs the page's first frame a document of its own and a vector
 * raster: measured on the poster, the logo and the select's arrow held the first map by about
 * 0.15 s, the icons' masks by about 0.1 s more.
 *
 * The poster is a picture of the light theme that stands for a second, so its shadow root gets a
 * stylesheet of overrides: for every rule of the bundle's CSS that could match an element of the
 * poster and sets an SVG `data:` URL, the same selector with only those declarations, the SVG
 * rasterized. Same selectors, later in the cascade: the poster's elements take the PNGs and keep
 * everything else (sizes, positions, colours) from DSFR. The live page never sees these rules.
 */
import postcss, { type AtRule, type ChildNode, type Declaration, type Rule } from 'postcss';

/** An SVG picture in a `url(…)` of a declaration's value: double-quoted, single-quoted or bare. */
const SVG_URL =
  /url\(\s*(?:"(data:image\/svg\+xml[^"]*)"|'(data:image\/svg\+xml[^']*)'|(data:image\/svg\+xml[^)\s"']*))\s*\)/g;

/** Selectors of the dark theme: the poster only shows in the light one (POSTER_HEAD_SCRIPT). */
const DARK = /data-fr-theme\s*=\s*["']?dark|prefers-color-scheme:\s*dark/;

/** Media a screen showing the poster is not: print, and Internet Explorer's high contrast. */
const NOT_HERE = /-ms-high-contrast|^\s*print\s*$/;

/** The custom property (on the poster's host) that holds the `i`-th picture. */
export const pictureProperty = (i: number): string => `--observatoire-poster-picture-${i}`;

/** The classes `html` uses (its `class="…"` attributes). */
export function classesOf(html: string): Set<string> {
  const out = new Set<string>();
  for (const m of html.matchAll(/\bclass="([^"]*)"/g))
    for (const c of (m[1] ?? '').split(/\s+/)) if (c) out.add(c);
  return out;
}

/**
 * Whether `selector` may match an element of a tree whose classes are `classes`: every class it
 * requires is there (classes under `:not(…)` are not required). Never for the dark theme.
 */
export function mayMatch(selector: string, classes: ReadonlySet<string>): boolean {
  if (DARK.test(selector)) return false;
  const required = selector.replace(/:not\((?:[^()]|\([^()]*\))*\)/g, '');
  for (const m of required.matchAll(/\.(-?[_a-zA-Z][\w-]*)/g))
    if (!classes.has(m[1] ?? '')) return false;
  return true;
}

/** At-rules whose blocks hold style rules that apply as such (not @keyframes, @font-face…). */
const GROUPING = new Set(['media', 'supports', 'layer', 'container', 'scope']);

/** `node` inside copies of the grouping at-rules `rule` sits in, or null if one is not grouping. */
function wrapped(rule: Rule, node: ChildNode): ChildNode | null {
  let out = node;
  for (let p = rule.parent; p && p.type !== 'root'; p = p.parent) {
    if (p.type !== 'atrule') return null;
    const at = p as AtRule;
    if (!GROUPING.has(at.name.toLowerCase()) || DARK.test(at.params) || NOT_HERE.test(at.params))
      return null;
    const copy = at.clone({ nodes: [] });
    copy.append(out);
    out = copy;
  }
  return out;
}

/**
 * The overrides for a shadow tree whose classes are `classes`: `css`'s rules that set an SVG
 * `data:` URL and may match there, with only those declarations, each URL replaced by a custom
 * property of the host that holds its PNG (`toPng`, once per distinct URL: DSFR repeats its
 * pictures across rules). Empty when none.
 */
export function posterImageOverrides(
  css: string,
  classes: ReadonlySet<string>,
  toPng: (svgDataUrl: string) => string,
): string {
  const pictures = new Map<string, string>();
  const picture = (svg: string): string => {
    let property = pictures.get(svg);
    if (property === undefined) {
      property = pictureProperty(pictures.size);
      pictures.set(svg, property);
    }
    return `var(${property})`;
  };
  const out = postcss.root();
  postcss.parse(css).walkRules((rule) => {
    const decls = rule.nodes.filter(
      (n): n is Declaration =>
        n.type === 'decl' && /url\(\s*["']?data:image\/svg\+xml/.test(n.value),
    );
    if (decls.length === 0) return;
    const selectors = rule.selectors.filter((s) => mayMatch(s, classes));
    if (selectors.length === 0) return;
    const copy = postcss.rule({ selectors });
    for (const d of decls)
      copy.append(
        d.clone({
          value: d.value.replace(SVG_URL, (_, a?: string, b?: string, c?: string) =>
            picture(a ?? b ?? c ?? ''),
          ),
        }),
      );
    const node = wrapped(rule, copy);
    if (node) out.append(node);
  });
  if (pictures.size === 0) return '';
  const host = postcss.rule({ selector: ':host' });
  for (const [svg, property] of pictures)
    host.append(postcss.decl({ prop: property, value: `url("${toPng(svg)}")` }));
  out.prepend(host);
  return out.toString();
}
