/**
 * The report's map of an indicator (Rapport view): the vector map of « Carte (SVG) », by
 * département for the comparison year with the report's filters, so it prints sharp at any size.
 * Same query and derive step as the Carte view (classes by quantiles; colours sequential, the
 * France reference of the diverging scale is not asked for here); the drawing code and geometry
 * are loaded on demand.
 */
import { useEffect, useMemo, useRef, useState, type JSX } from 'react';
import { LEVEL_LABELS_PLURAL, SYNTHETIC_NOTE, type IndicatorDefinition } from '../../catalogue';
import { useBusySignal } from '../../components/BusyScope';
import { dataRoot, useManifest, useQuery } from '../../db';
import { readResult } from '../../map/join';
import { reportMapLevel, reportMapQuery, type Filters } from '../../query';
import { deriveMap } from './map-derive';
import { makeChartAccessible } from '../../charts/accessible-svg';
import { VECTOR_MAP_WIDTH, mapSvgGetter } from './map-svg';

export function ReportMap(props: {
  readonly indicator: IndicatorDefinition;
  readonly year: number;
  readonly filters: Filters;
}): JSX.Element | null {
  const { indicator, year, filters } = props;
  const manifest = useManifest();
  const level = reportMapLevel(indicator);
  // The plan the report's entry queries share (query/sites-plans.ts).
  const sql = useMemo(() => reportMapQuery(indicator, year, filters), [indicator, year, filters]);
  const result = useQuery(sql);
  const holder = useRef<HTMLDivElement>(null);
  const [drawn, setDrawn] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const busy = sql !== null && drawn !== sql && error === null && result.error === null;
  useBusySignal(busy);

  useEffect(() => {
    const table = result.data;
    if (!table || !manifest || sql === null) return undefined;
    let live = true;
    const cols = readResult(table);
    const features = manifest.geometry.find((g) => g.level === level)?.features ?? cols.length;
    const derived = deriveMap(cols, indicator, level, {
      method: 'quantiles',
      classes: 5,
      features,
      reference: null,
    });
    const draw = mapSvgGetter(
      { cols, level, indicator, derived },
      manifest,
      new URL(dataRoot(), window.location.href).href,
      { services: null, selected: null },
    );
    if (!draw) return undefined;
    draw().then(
      (svg) => {
        if (!live || !holder.current) return;
        svg.setAttribute('width', '100%');
        svg.removeAttribute('height');
        makeChartAccessible(svg, `Carte : ${indicator.label}, ${year}`);
        holder.current.replaceChildren(svg);
        setDrawn(sql);
        setError(null);
      },
      (e: unknown) => {
        console.error('[observatoire] carte du rapport', indicator.id, e);
        if (live) setError(e instanceof Error ? e.message : String(e));
      },
    );
    return () => {
      live = false;
    };
  }, [result.data, manifest, sql, indicator, level, year]);

  if (sql === null) return null;
  return (
    <figure className="observatoire-report__map fr-my-2w" data-report-map={indicator.id}>
      <div ref={holder} style={{ maxWidth: VECTOR_MAP_WIDTH }} />
      {(error ?? result.error) && (
        <p className="fr-error-text">La carte n’a pas pu être dessinée : {error ?? result.error}</p>
      )}
      <figcaption className="fr-text--xs">
        Carte : {indicator.label}, {LEVEL_LABELS_PLURAL[level].toLowerCase()}, {year}. Source :{' '}
        {indicator.source} ({indicator.vintage}). Fonds : limites administratives simplifiées, DROM
        en encarts ; projection conique conforme de Lambert.
        {manifest?.synthetic && (
          <strong className="observatoire-synthetic"> {SYNTHETIC_NOTE}</strong>
        )}
      </figcaption>
    </figure>
  );
}
