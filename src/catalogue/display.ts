/**
 * Display coordinates for the map, shared by the pipeline (geometry, QPV, label points) and the
 * app (points it draws from query results, such as France services): metropolitan France stays
 * where it is; the five DROM are moved and scaled into a column of insets in the Atlantic, west
 * of Brittany. The transform works in Web Mercator space (what MapLibre draws) so shapes keep
 * their proportions.
 */
export type Position = readonly [number, number] | [number, number];

interface Inset {
  /** Approximate centre of the territory (true lon/lat). */
  readonly from: Position;
  /** Where that centre is drawn (display lon/lat). */
  readonly to: Position;
  readonly scale: number;
}

/**
 * One inset per DROM département, top to bottom: Guadeloupe, Martinique, Guyane, then La Réunion
 * and Mayotte side by side, all in open sea (north of the Spanish coast, west of Brittany).
 */
export const INSETS: Readonly<Record<string, Inset>> = {
  '971': { from: [-61.45, 16.2], to: [-7.9, 48.25], scale: 1.3 },
  '972': { from: [-61.02, 14.65], to: [-7.9, 47.15], scale: 1.7 },
  '973': { from: [-53.1, 3.95], to: [-7.9, 45.85], scale: 0.33 },
  '974': { from: [55.53, -21.13], to: [-8.7, 44.45], scale: 1.6 },
  '976': { from: [45.15, -12.82], to: [-7.2, 44.45], scale: 2.4 },
};

const RAD = Math.PI / 180;
const mercY = (lat: number): number => Math.log(Math.tan(Math.PI / 4 + (lat * RAD) / 2)) / RAD;
const invMercY = (y: number): number => (2 * Math.atan(Math.exp(y * RAD)) - Math.PI / 2) / RAD;

/** The département code (971…976) a commune or QPV code belongs to, when it is a DROM. */
export function dromOf(departementCode: string | null | undefined): string | null {
  return departementCode && departementCode in INSETS ? departementCode : null;
}

/** Moves a true lon/lat position to display coordinates for the given département. */
export function toDisplay(
  departementCode: string | null | undefined,
  p: Position,
): [number, number] {
  const inset = departementCode ? INSETS[departementCode] : undefined;
  if (!inset) return [p[0], p[1]];
  const x = inset.to[0] + (p[0] - inset.from[0]) * inset.scale;
  const y = mercY(inset.to[1]) + (mercY(p[1]) - mercY(inset.from[1])) * inset.scale;
  return [x, invMercY(y)];
}

/** The DROM département of a commune code (971…976), or null for metropolitan France. */
export function dromOfCommune(communeCode: string): string | null {
  return dromOf(communeCode.slice(0, 3));
}
