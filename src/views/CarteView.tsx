/**
 * Carte: the territorial map of an indicator. Derive (URL state → SQL → Arrow → classes and
 * legend), lay out (controls, map with legend and tooltip, profile panel, data table) and draw
 * (MapLibre through ObservatoireMap, charts through ChartFigure). The view owns no SQL text.
 */
import './carte/carte.css';
import { useCallback, useEffect, useMemo, useRef, useState, type JSX } from 'react';
import {
  DEFAULT_INDICATOR,
  INDICATORS,
  LEVEL_LABELS,
  LEVEL_LABELS_PLURAL,
  MAP_LEVELS,
  SYNTHETIC_NOTE,
  ZRR_YEARS,
  findIndicator,
  partInYear,
  qpvListInForce,
  isValidAt,
  type IndicatorDefinition,
  type MapLevel,
} from '../catalogue';
import { BusyScope, useBusySignal } from '../components/BusyScope';
import {
  cachedQuery,
  dataRoot,
  dataVersion,
  holdWarmUp,
  stopWarmUp,
  useEngineBusy,
  useManifest,
  useProvenance,
  useQuery,
  useWarmUpBusy,
  warmUp,
  warmUpEnabled,
} from '../db';
import { ExportMenu } from '../export/ExportMenu';
import { fileStem } from '../export/file-name';
import { numbers, strings } from '../charts/arrow-columns';
import { readResult } from '../map/join';
import { tileSetsOf } from '../map/map-controller';
import { ObservatoireMap } from '../map/ObservatoireMap';
import { figuresPublished, nationalValues } from '../query';
import { servicesOpenAt } from '../query/services-overlay';
import type { AppState, TerritoryRef } from '../state/app-state';
import { roundMapView } from '../state/url';
import { useAppState, type UpdateState } from '../state/useAppState';
import { CarteSearch } from './carte/CarteSearch';
import { ClassificationControls } from './carte/ClassificationControls';
import { FilterControls, filtersInWords } from './carte/FilterControls';
import { activeFilterCodes } from '../state/active-filters';
import { filtersOf } from '../state/filters';
import { createHoverBus, useHover, type HoverBus } from './carte/hover-bus';
import { IndicatorSelect } from './carte/IndicatorSelect';
import { LevelControl } from './carte/LevelControl';
import { mapSvgGetter } from './carte/map-svg';
import { deriveMap } from './carte/map-derive';
import { MapLegend } from './carte/MapLegend';
import { MapTablePanel } from './carte/MapTablePanel';
import { MapTooltip } from './carte/MapTooltip';
import { ProfilePanel } from './carte/ProfilePanel';
import { servicesToGeoJson } from './carte/services-geojson';
import { mapQueries, slicePartYear, useMapResult } from './carte/use-map-result';
import { warmList } from './carte/warm-list';
import { YearSlider } from './carte/YearSlider';

/** The QPV list(s) in force in `year`, as the note under the map says it. */
function qpvListsText(year: number): string {
  const metropole = qpvListInForce(year, '75');
  const overseas = qpvListInForce(year, '971');
  return metropole === overseas
    ? `liste ${metropole}`
    : `liste ${metropole} (liste ${overseas} outre-mer)`;
}

/** Absolute URL of the data root (MapLibre fetches geometry from its worker, which needs one). */
function dataRootUrl(): string {
  return new URL(dataRoot(), window.location.href).href;
}

/** How long a painted map is left alone before warm-up starts (a user reading it). */
const WARM_UP_DELAY_MS = 300;

/**
 * Levels whose geometry is loaded ahead of need: all but the communes, whose 17 MB of outlines
 * and points would hold MapLibre busy (and its \`idle\` back) for seconds on a slow machine.
 */
const PRELOADED_LEVELS: readonly MapLevel[] = MAP_LEVELS.filter((l) => l !== 'commune');

const FALLBACK_BOUNDS: readonly [number, number, number, number] = [-6, 41, 10, 51.5];

/** The map level actually shown: the requested one if the indicator is valid there. */
export function effectiveLevel(indicator: IndicatorDefinition, level: MapLevel): MapLevel {
  if (isValidAt(indicator, level)) return level;
  return MAP_LEVELS.find((l) => isValidAt(indicator, l)) ?? 'departement';
}

function Tooltip(
  props: Omit<Parameters<typeof MapTooltip>[0], 'hit'> & { readonly bus: HoverBus },
): JSX.Element | null {
  const hit = useHover(props.bus);
  return <MapTooltip {...props} hit={hit} />;
}

function CarteContent({
  state,
  update,
}: {
  readonly state: AppState;
  readonly update: UpdateState;
}): JSX.Element {
  const manifest = useManifest();
  const indicator =
    findIndicator(state.indicator) ??
    findIndicator(DEFAULT_INDICATOR) ??
    (INDICATORS[0] as IndicatorDefinition);
  const level = effectiveLevel(indicator, state.level);
  const filters = useMemo(
    () => filtersOf(indicator, state),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [indicator, state.criterion, state.domain, state.channel, state.benefit, state.territoryType],
  );
  const result = useMapResult(indicator, level, state.year, filters);
  // Without official contours, the QPV are drawn as symbols on their commune (see the note).
  const qpvAtCommunes =
    manifest?.geometry.find((g) => g.level === 'qpv')?.pointPosition !== 'contour';
  const sql = result.sql;
  const refSql = useMemo(
    () =>
      indicator.kind === 'rate' && indicator.polarity !== 'neutre'
        ? nationalValues(indicator, filters)
        : null,
    [indicator, filters],
  );
  const national = useQuery(refSql);
  const services = useQuery(state.showServices ? servicesOpenAt(state.year) : null);
  const [painted, setPainted] = useState('');
  const [mapError, setMapError] = useState<string | null>(null);
  const [tableOpen, setTableOpen] = useState(false);
  const bus = useMemo(() => createHoverBus(), []);

  const shown = result.shown;
  const shownInd = shown?.meta.indicator ?? indicator;
  const shownLevel = shown?.meta.level ?? level;
  const cols = useMemo(() => (shown ? readResult(shown.table) : null), [shown]);
  const names = useMemo(() => (shown ? strings(shown.table, 'name') : []), [shown]);
  // Confidence bounds are read only for the data table, and only while it is open (two columns
  // of 35,000 communes on every year change otherwise).
  const intervals = useMemo(
    () =>
      shown && tableOpen
        ? { low: numbers(shown.table, 'low'), high: numbers(shown.table, 'high') }
        : null,
    [shown, tableOpen],
  );
  const reference = useMemo(() => {
    const v: unknown = national.data
      ? slicePartYear(national.data, state.territoryType, state.year).get(0)?.value
      : null;
    return typeof v === 'number' && refSql !== null && !national.loading ? v : null;
  }, [national.data, national.loading, refSql, state.territoryType, state.year]);
  const features =
    manifest?.geometry.find((g) => g.level === shownLevel)?.features ?? cols?.length ?? 0;
  // For a diverging scale the France value is needed: until it arrives, keep drawing the
  // previous result rather than flash sequential colours and then repaint.
  const waitingReference = refSql !== null && national.loading;
  const paintKey = shown
    ? `${shown.sql}|${state.classification}|${state.classes}|${reference ?? ''}`
    : '';
  const fresh = useMemo(
    () =>
      cols && !waitingReference
        ? {
            cols,
            names,
            key: paintKey,
            level: shownLevel,
            indicator: shownInd,
            derived: deriveMap(cols, shownInd, shownLevel, {
              method: state.classification,
              classes: state.classes,
              features,
              reference,
              qpvAtCommunes,
            }),
          }
        : null,
    // paintKey sums up the inputs it names; the others are listed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [cols, names, waitingReference, paintKey, shownInd, shownLevel, features],
  );
  const drawnRef = useRef<typeof fresh>(null);
  if (fresh) drawnRef.current = fresh;
  const drawn = drawnRef.current;
  const derived = drawn?.derived ?? null;
  const busy = result.pending || paintKey !== painted || (refSql !== null && national.loading);
  const repainting = busy && !result.error && !mapError;
  useBusySignal(repainting);
  // While the map repaints after a change, the warm-up pauses (it would compete for the CPU).
  useEffect(() => (repainting ? holdWarmUp() : undefined), [repainting]);

  // Once the map has shown this state for a moment, warm what is one click away (other
  // indicators, types, levels, filter values) and load the other levels' geometry.
  const settledPaint = !busy && painted !== '';
  const [preload, setPreload] = useState<readonly MapLevel[]>([]);
  const warmBusy = useWarmUpBusy();
  useEffect(() => {
    if (!settledPaint) return undefined;
    const timer = setTimeout(() => {
      warmUp(warmList(indicator, level, state), (q, yieldTo) =>
        cachedQuery(q, dataVersion, { yieldTo }),
      );
      if (warmUpEnabled()) setPreload((p) => (p.length > 0 ? p : PRELOADED_LEVELS));
    }, WARM_UP_DELAY_MS);
    return () => {
      clearTimeout(timer);
      stopWarmUp();
    };
    // `state` is read for its filters and year, which paintKey already sums up.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [settledPaint, paintKey, indicator, level]);

  useEffect(() => {
    const hook = { update, expectedKey: paintKey, busy, warming: warmBusy };
    window.__observatoire = { ...(window.__observatoire ?? {}), carte: hook };
  }, [update, paintKey, busy, warmBusy]);

  const servicesGeo = useMemo(
    () => (state.showServices && services.data ? servicesToGeoJson(services.data) : null),
    [state.showServices, services.data],
  );

  const period = String(state.year);
  const subtitle = `${LEVEL_LABELS_PLURAL[level]} · ${period} · ${filtersInWords(indicator, state)}`;
  const selected =
    state.territory && state.territory.level === shownLevel ? state.territory.code : null;
  const drawnLevel = drawn?.level ?? shownLevel;
  const onSelect = useCallback(
    (code: string | null) => {
      if (code !== null) update({ territory: { level: drawnLevel, code } });
    },
    [update, drawnLevel],
  );
  const prefetch = useCallback(
    (year: number) => {
      // The next year of a play-through is usually ready before the timer moves on.
      cachedQuery(mapQueries(indicator, level, year, filters).run, dataVersion).catch(
        () => undefined,
      );
    },
    [indicator, level, filters],
  );
  // From the tables the map reads (an own file is not synthetic; demo claims are).
  const synthetic = useProvenance(sql)?.synthetic ?? manifest?.synthetic ?? false;
  const bounds = manifest?.bounds ?? FALLBACK_BOUNDS;

  return (
    <div className={`observatoire-carte${state.territory ? ' observatoire-carte--profile' : ''}`}>
      <div className="observatoire-carte__controls">
        <CarteSearch indicator={indicator} onGo={(patch) => update(patch)} />
        <IndicatorSelect
          value={indicator.id}
          onChange={(id) => {
            const next = findIndicator(id);
            if (!next) return;
            update({ indicator: id, level: effectiveLevel(next, state.level) });
          }}
        />
        <p className="fr-text--xs">{indicator.definition}</p>
        <LevelControl indicator={indicator} value={level} onChange={(l) => update({ level: l })} />
        {level !== state.level && (
          <p className="fr-text--xs fr-error-text">
            Indicateur non disponible au niveau « {LEVEL_LABELS[state.level]} » : affichage par{' '}
            {LEVEL_LABELS[level].toLowerCase()}.
          </p>
        )}
        <YearSlider
          value={state.year}
          painted={!busy}
          onChange={(year, opts) => update({ year }, opts)}
          onPrefetch={prefetch}
        />
        <FilterControls indicator={indicator} state={state} onChange={(patch) => update(patch)} />
        {indicator.kind === 'rate' && (
          <ClassificationControls
            method={state.classification}
            classes={state.classes}
            onChange={(p) => update(p)}
          />
        )}
        <div className="fr-toggle fr-toggle--label-left fr-mt-2w">
          <input
            type="checkbox"
            className="fr-toggle__input"
            id="carte-services"
            checked={state.showServices}
            onChange={(e) => update({ showServices: e.target.checked })}
          />
          <label className="fr-toggle__label" htmlFor="carte-services">
            Afficher les France services
          </label>
        </div>
      </div>

      <div className="observatoire-carte__main">
        <div className="observatoire-carte__title">
          <div>
            <h1 className="fr-h4 fr-mb-1v">{indicator.label}</h1>
            <p className="fr-text--sm fr-mb-1w">{subtitle}</p>
          </div>
          <ExportMenu
            title={indicator.label}
            subtitle={subtitle}
            sql={sql}
            fileStem={fileStem({
              indicator: indicator.id,
              level,
              period: state.year,
              filters: activeFilterCodes(state),
            })}
            legend={derived?.legend.map((item) => ({ label: item.label, color: item.color }))}
            getCanvas={() => window.__observatoire?.map?.map?.getCanvas() ?? null}
            getMapSvg={mapSvgGetter(drawn, manifest, dataRootUrl(), {
              services: servicesGeo,
              selected,
            })}
          />
        </div>
        {!figuresPublished(indicator, level, filters) && (
          <div className="fr-alert fr-alert--info fr-alert--sm fr-mb-1w" data-testid="unpublished">
            <p>
              Cette ventilation n’est pas publiée au niveau « {LEVEL_LABELS[level].toLowerCase()} »
              : les réclamations par critère, domaine ou canal sont publiées pour la France, les
              régions, les départements et les sites. Plus bas, presque toutes leurs cellules
              seraient couvertes par le secret statistique.
            </p>
          </div>
        )}
        {!partInYear(state.territoryType, state.year) && (
          <div className="fr-alert fr-alert--info fr-alert--sm fr-mb-1w">
            <p>
              Le zonage ZRR s’applique de {ZRR_YEARS.from} à {ZRR_YEARS.to} (remplacé par France
              Ruralités Revitalisation) : aucun territoire n’est classé en {state.year}.
            </p>
          </div>
        )}
        {(result.error ?? mapError) && (
          <div className="fr-alert fr-alert--error fr-alert--sm fr-mb-1w" role="alert">
            <p>La carte n’a pas pu être mise à jour : {result.error ?? mapError}</p>
          </div>
        )}
        <div className="observatoire-map-frame">
          <div className="observatoire-map" data-painted={busy ? 'false' : 'true'}>
            {manifest ? (
              <ObservatoireMap
                dataRoot={dataRootUrl()}
                bounds={bounds}
                tiles={tileSetsOf(manifest.geometry)}
                view={state.map}
                level={drawn?.level ?? shownLevel}
                mode={derived?.mode ?? 'choropleth'}
                cols={drawn?.cols ?? null}
                styling={derived?.styling ?? null}
                resultKey={drawn?.key ?? ''}
                selected={selected}
                services={servicesGeo}
                label={`Carte : ${indicator.label}, ${subtitle}`}
                preload={preload}
                onHover={bus.emit}
                onSelect={onSelect}
                onMove={(v) => update({ map: roundMapView(v) }, { replace: true })}
                onPainted={setPainted}
                onError={setMapError}
              />
            ) : (
              <p className="fr-p-2w">Chargement du jeu de données…</p>
            )}
            <Tooltip
              bus={bus}
              cols={drawn?.cols ?? null}
              names={drawn?.names ?? []}
              unit={drawn?.indicator.unit ?? shownInd.unit}
              decimals={drawn?.indicator.decimals ?? shownInd.decimals}
              period={period}
            />
          </div>
          {/* Beside the map, not in it: over a wide map it floats at the bottom left (the map
              keeps the DROM insets clear of it), under a narrow one it goes below. */}
          {derived && (
            <MapLegend
              title={drawn?.indicator.shortLabel ?? shownInd.shortLabel}
              unit={drawn?.indicator.unit ?? shownInd.unit}
              items={derived.legend}
              circles={derived.circles}
              note={derived.note}
              services={servicesGeo ? servicesGeo.features.length : null}
            />
          )}
        </div>
        <p className="fr-text--xs fr-mt-1w">
          Source : {indicator.source} ({indicator.vintage}). Fonds : limites administratives
          simplifiées, DROM en encarts.
          {level === 'qpv' && qpvAtCommunes && (
            <>
              {' '}
              QPV : {qpvListsText(state.year)} ; chaque quartier est un symbole placé sur sa commune
              principale, faute de contours officiels dans ce jeu de données — la position n’est pas
              celle du quartier.
              {qpvListInForce(state.year, '75') === '2015' &&
                ' Les QPV de 2015 sortis de la liste en 2024 ne figurent pas dans les fichiers de référence.'}
            </>
          )}
          {synthetic && <strong className="observatoire-synthetic"> {SYNTHETIC_NOTE}</strong>}
        </p>
        {cols && (
          <details
            className="observatoire-carte__table"
            onToggle={(e) => setTableOpen(e.currentTarget.open)}
          >
            <summary className="fr-btn fr-btn--tertiary-no-outline fr-btn--sm fr-icon-table-line fr-btn--icon-left">
              Tableau de données de la carte
            </summary>
            {/* Rendered only when open: 500 rows would otherwise be rebuilt on every change. */}
            {intervals && (
              <MapTablePanel
                cols={cols}
                names={names}
                low={intervals.low}
                high={intervals.high}
                indicator={shownInd}
                caption={`${shownInd.label} — ${subtitle}`}
                onSelect={onSelect}
              />
            )}
          </details>
        )}
      </div>

      {state.territory && (
        <ProfilePanel
          indicator={indicator}
          territory={state.territory}
          year={state.year}
          filters={filters}
          subtitle={`${period} · ${filtersInWords(indicator, state)}`}
          synthetic={synthetic}
          onClose={() => update({ territory: null })}
          onCompare={(refs: readonly TerritoryRef[]) => update({ view: 'series', compare: refs })}
        />
      )}
    </div>
  );
}

export function CarteView(): JSX.Element {
  const [state, update] = useAppState();
  const engineBusy = useEngineBusy();
  return (
    <BusyScope as="section" busy={engineBusy} className="observatoire-view" data-view-name="carte">
      <CarteContent state={state} update={update} />
    </BusyScope>
  );
}
