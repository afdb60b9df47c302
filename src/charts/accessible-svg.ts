/**
 * Makes a rendered Plot chart one image for assistive technologies: the root gets `role="img"`
 * and the chart's title as its name (or `aria-hidden` when a table next to it says the same), and
 * the marks lose the `aria-label`s Plot gives them (`"line"`, `"rule"`, `"frame"`…). Those are
 * prohibited on an SVG `g` without a role (axe-core `aria-prohibited-attr`) and say nothing a
 * reader needs; the data table beside every chart is the accessible alternative.
 */
export function makeChartAccessible(node: Element, label: string | null): void {
  for (const el of node.querySelectorAll('[aria-label], [aria-description]')) {
    el.removeAttribute('aria-label');
    el.removeAttribute('aria-description');
  }
  node.removeAttribute('aria-description');
  if (label === null) {
    node.removeAttribute('aria-label');
    node.removeAttribute('role');
    node.setAttribute('aria-hidden', 'true');
  } else {
    node.setAttribute('role', 'img');
    node.setAttribute('aria-label', label);
  }
}
