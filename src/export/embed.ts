/**
 * « Intégrer »: the `<iframe>` snippet of the current view. Its address is the view's own with
 * `integration=1` (src/state/url.ts), so the embedded page shows the same figure, filters and
 * confidentiality marks; the `title` attribute names it for screen readers.
 */
import { integrationHref } from '../state/url';

export interface EmbedOptions {
  /** What the frame shows, for its `title` attribute (the indicator, in words). */
  readonly title: string;
  /** Height in CSS pixels: a map needs more room than a chart. */
  readonly height: number;
}

/** Escapes text for a double-quoted HTML attribute. */
function attr(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/"/g, '&quot;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

/** The snippet to paste into a page; full width of its column, up to 960 px. */
export function iframeSnippet(href: string, opts: EmbedOptions): string {
  const src = integrationHref(href, true);
  return (
    `<iframe src="${attr(src)}" title="${attr(`Observatoire — ${opts.title}`)}" ` +
    `width="100%" height="${Math.round(opts.height)}" ` +
    `style="border: 0; max-width: 960px;" loading="lazy"></iframe>`
  );
}
