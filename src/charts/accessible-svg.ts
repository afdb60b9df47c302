/**
 * Fixes the ARIA of a rendered Plot chart. Plot names each mark's group (`<g aria-label="line">`,
 * `"rule"`, `"frame"`…): a name is prohibited on an SVG `g` without a role (axe-core
 * `aria-prohibited-attr`) and says nothing a reader needs, so those go (kept as `data-mark`); names Plot puts on single
 * shapes (a funnel point's `ariaLabel` channel) stay. `label`: a string makes the chart one image
 * with that name (`role="img"`), `null` hides a decorative chart whose table says the same, and
 * `undefined` leaves the root as Plot made it (its labelled points are then read one by one).
 */
export function makeChartAccessible(node: Element, label?: string | null): void {
  for (const el of node.querySelectorAll('g[aria-label], g[aria-description]')) {
    // The mark's kind stays readable by tests and scripts, outside ARIA.
    const mark = el.getAttribute('aria-label');
    if (mark !== null) el.setAttribute('data-mark', mark);
    el.removeAttribute('aria-label');
    el.removeAttribute('aria-description');
  }
  if (label === null) {
    node.removeAttribute('aria-label');
    node.removeAttribute('role');
    node.setAttribute('aria-hidden', 'true');
  } else if (label !== undefined) {
    node.setAttribute('role', 'img');
    node.setAttribute('aria-label', label);
  }
}
