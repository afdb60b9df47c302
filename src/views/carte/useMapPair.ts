/**
 * The two maps of a side-by-side view: one hover bus per map (the tooltip follows it without
 * re-rendering the view) and, once both controllers exist, one centre and zoom, and the
 * territory hovered on either outlined on both.
 */
import { useEffect, useMemo, useState } from 'react';
import type { MapController } from '../../map/map-controller';
import { syncMaps } from '../../map/map-sync';
import { createHoverBus } from './hover-bus';

export function useMapPair() {
  const [ctrl1, setCtrl1] = useState<MapController | null>(null);
  const [ctrl2, setCtrl2] = useState<MapController | null>(null);
  const bus = useMemo(() => createHoverBus(), []);
  const bus2 = useMemo(() => createHoverBus(), []);
  useEffect(() => {
    if (!ctrl1 || !ctrl2) return undefined;
    const unsync = syncMaps(ctrl1.map, ctrl2.map);
    const off1 = bus.subscribe(() => ctrl2.highlight(bus.get()?.code || null));
    const off2 = bus2.subscribe(() => ctrl1.highlight(bus2.get()?.code || null));
    return () => {
      unsync();
      off1();
      off2();
    };
  }, [ctrl1, ctrl2, bus, bus2]);
  return { ctrl1, setCtrl1, setCtrl2, bus, bus2 };
}
