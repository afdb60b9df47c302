/**
 * Display coordinates for the map: metropolitan France stays where it is; the five DROM are moved
 * and scaled into a column of insets in the Atlantic, west of Brittany and the Bay of Biscay.
 * The transform works in Web Mercator space (what MapLibre draws) so shapes keep their
 * proportions, and it is applied the same way to polygons, QPV and label points.
 */
import type { MultiPolygonCoords } from './geometry';
import { dromOf, toDisplay } from '../../src/catalogue/display';

export { INSETS, dromOf, toDisplay } from '../../src/catalogue/display';

export function polygonsToDisplay(
  departementCode: string | null | undefined,
  polygons: MultiPolygonCoords,
): MultiPolygonCoords {
  if (!dromOf(departementCode)) return polygons;
  return polygons.map((poly) => poly.map((ring) => ring.map((p) => toDisplay(departementCode, p))));
}
