/**
 * Props of a scrollable table container (`.fr-table__container`): keyboard users reach it with
 * Tab and scroll it with the arrow keys, and screen readers announce it by the table's caption
 * (axe-core rule `scrollable-region-focusable`).
 */
export function scrollRegionProps(captionId: string): {
  readonly tabIndex: 0;
  readonly role: 'region';
  readonly 'aria-labelledby': string;
} {
  return { tabIndex: 0, role: 'region', 'aria-labelledby': captionId };
}
