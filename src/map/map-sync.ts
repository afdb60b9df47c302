/**
 * Two maps side by side keep one centre and zoom: every move of either is copied to the other
 * while it happens (`move`, not `moveend`, so a drag is followed live). A copy moves the other
 * map, which fires its own `move`: the `copying` guard stops that echo from coming back.
 */
import type { Map as MlMap } from 'maplibre-gl';

export function syncMaps(a: MlMap, b: MlMap): () => void {
  let copying = false;
  const follow = (from: MlMap, to: MlMap) => (): void => {
    if (copying) return;
    copying = true;
    try {
      to.jumpTo({ center: from.getCenter(), zoom: from.getZoom() });
    } finally {
      copying = false;
    }
  };
  const aToB = follow(a, b);
  const bToA = follow(b, a);
  a.on('move', aToB);
  b.on('move', bToA);
  aToB();
  return () => {
    a.off('move', aToB);
    b.off('move', bToA);
  };
}
