/**
 * Carte: the territorial map of an indicator. Derive (URL state → SQL → Arrow → classes and
 * legend), lay out (controls, map with legend and tooltip, profile panel, data table) and draw
 * (MapLibre through ObservatoireMap, charts through ChartFigure). The view owns no SQL text.
 */
import './carte/carte.css';
import {
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type JSX,
} from 'react';
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
import { tileSetsOf, type MapController } from '../map/map-controller';
import { syncMaps } from '../map/map-sync';
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
import { MapTablePanel, TwoMapTablePanel } from './carte/MapTablePanel';
import { MapTooltip } from './carte/MapTooltip';
import { ProfilePanel } from './carte/ProfilePanel';
import { SecondMapControl } from './carte/SecondMapControl';
import { bothValues, secondMapOf, sharesClasses } from './carte/two-maps';
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

/** Legend lines of two maps side by side: whether their colours compare. */
const SHARED_CLASSES_NOTE =
  'Classification commune aux deux cartes : une même couleur désigne les mêmes valeurs sur chacune.';
const OWN_CLASSES_NOTE =
  'Indicateurs de nature ou d’unité différentes : chaque carte a ses propres classes, les couleurs ne se comparent pas d’une carte à l’autre.';

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
  onMapShown,
}: {
  readonly state: AppState;
  readonly update: UpdateState;
  /** Whether a complete map of the current state is on screen (prebaked or live). */
  readonly onMapShown: (shown: boolean) => void;
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
  // The second map (`carte2`): the same query builder with another year and/or indicator; the
  // level and the filters are shared. An indicator not published at the level shows no map.
  const second = state.secondMap ? secondMapOf(state.secondMap, state.year, indicator) : null;
  const secondValid = second !== null && isValidAt(second.indicator, level);
  const indicator2 = secondValid ? second.indicator : indicator;
  const year2 = secondValid ? second.year : state.year;
  const filters2 = useMemo(
    () => filtersOf(indicator2, state),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [indicator2, state.criterion, state.domain, state.channel, state.benefit, state.territoryType],
  );
  const result2 = useMapResult(indicator2, level, year2, filters2, secondValid);
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
  const [painted2, setPainted2] = useState('');
  const [ctrl1, setCtrl1] = useState<MapController | null>(null);
  const [ctrl2, setCtrl2] = useState<MapController | null>(null);
  const [mapError, setMapError] = useState<string | null>(null);
  const [tableOpen, setTableOpen] = useState(false);
  const bus = useMemo(() => createHoverBus(), []);
  const bus2 = useMemo(() => createHoverBus(), []);

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
  const shown2 = secondValid ? result2.shown : null;
  const shownInd2 = shown2?.meta.indicator ?? indicator2;
  const cols2 = useMemo(() => (shown2 ? readResult(shown2.table) : null), [shown2]);
  const names2 = useMemo(() => (shown2 ? strings(shown2.table, 'name') : []), [shown2]);
  // One classification for both maps when their indicators are drawn alike in one unit: each
  // map then waits for the other's result, and its paint key names both.
  const shared = secondValid && sharesClasses(shownInd, shownInd2);
  const scaleValues = useMemo(
    () => (shared && cols && cols2 ? bothValues(cols, cols2) : undefined),
    [shared, cols, cols2],
  );
  // For a diverging scale the France value is needed: until it arrives, keep drawing the
  // previous result rather than flash sequential colours and then repaint.
  // Side by side, both maps stay sequential (a diverging scale pivots on one year's France value).
  const waitingReference = !secondValid && refSql !== null && national.loading;
  const mapReference = secondValid ? null : reference;
  const classKey = `${state.classification}|${state.classes}|${mapReference ?? ''}`;
  const paintKey = shown
    ? `${shown.sql}|${classKey}${shared ? `|avec ${shown2?.sql ?? ''}` : ''}`
    : '';
  const paintKey2 = shown2
    ? `${shown2.sql}|${classKey}${shared ? `|avec ${shown?.sql ?? ''}` : ''}`
    : '';
  const waitingOther = shared && !scaleValues;
  const fresh = useMemo(
    () =>
      cols && !waitingReference && !waitingOther
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
              reference: mapReference,
              qpvAtCommunes,
              ...(scaleValues ? { scaleValues } : {}),
            }),
          }
        : null,
    // paintKey sums up the inputs it names; the others are listed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [cols, names, waitingReference, waitingOther, paintKey, shownInd, shownLevel, features],
  );
  const drawnRef = useRef<typeof fresh>(null);
  if (fresh) drawnRef.current = fresh;
  const drawn = drawnRef.current;
  const derived = drawn?.derived ?? null;
  const fresh2 = useMemo(
    () =>
      shown2 && cols2 && !waitingOther
        ? {
            cols: cols2,
            names: names2,
            key: paintKey2,
            level: shown2.meta.level,
            indicator: shownInd2,
            derived: deriveMap(cols2, shownInd2, shown2.meta.level, {
              method: state.classification,
              classes: state.classes,
              features:
                manifest?.geometry.find((g) => g.level === shown2.meta.level)?.features ??
                cols2.length,
              reference: null,
              qpvAtCommunes,
              ...(scaleValues ? { scaleValues } : {}),
            }),
          }
        : null,
    // paintKey2 sums up the inputs it names; the others are listed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [shown2, cols2, names2, waitingOther, paintKey2, shownInd2, manifest],
  );
  const drawnRef2 = useRef<typeof fresh2>(null);
  if (fresh2) drawnRef2.current = fresh2;
  if (!secondValid) drawnRef2.current = null;
  const drawn2 = drawnRef2.current;
  const derived2 = drawn2?.derived ?? null;
  const busy2 = secondValid && (result2.pending || paintKey2 !== painted2);
  const busy =
    result.pending ||
    paintKey !== painted ||
    (!secondValid && refSql !== null && national.loading) ||
    busy2;
  const repainting = busy && !result.error && !result2.error && !mapError;
  useBusySignal(repainting);
  // While the map repaints after a change, the warm-up pauses (it would compete for the CPU).
  useEffect(() => (repainting ? holdWarmUp() : undefined), [repainting]);

  // Once the map has shown this state for a moment, warm what is one click away (other
  // indicators, types, levels, filter values) and load the other levels' geometry.
  const settledPaint = !busy && painted !== '';
  useLayoutEffect(() => onMapShown(settledPaint), [onMapShown, settledPaint]);
  // A map painted from prebaked results comes before the engine: warming and preloading wait for
  // it, else they would take the CPU the engine's start needs.
  const engineStarting = useEngineBusy();
  const warmable = settledPaint && !engineStarting;
  const [preload, setPreload] = useState<readonly MapLevel[]>([]);
  const warmBusy = useWarmUpBusy();
  useEffect(() => {
    if (!warmable) return undefined;
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
  }, [warmable, paintKey, indicator, level]);

  useEffect(() => {
    const hook = {
      update,
      expectedKey: paintKey,
      expectedKey2: secondValid ? paintKey2 : null,
      busy,
      warming: warmBusy,
    };
    window.__observatoire = { ...(window.__observatoire ?? {}), carte: hook };
  }, [update, paintKey, paintKey2, secondValid, busy, warmBusy]);

  // Two maps side by side: one centre and zoom, and the territory hovered on either is outlined
  // on both.
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

  const servicesGeo = useMemo(
    () => (state.showServices && services.data ? servicesToGeoJson(services.data) : null),
    [state.showServices, services.data],
  );

  const period = String(state.year);
  const subtitle = `${LEVEL_LABELS_PLURAL[level]} · ${period} · ${filtersInWords(indicator, state)}`;
  const subtitle2 = `${LEVEL_LABELS_PLURAL[level]} · ${year2} · ${filtersInWords(indicator2, state)}`;
  // What tells the two maps apart: the year, the indicator, or both.
  const sideLabel = (ind: IndicatorDefinition, year: number): string =>
    [
      indicator2.id !== indicator.id ? ind.shortLabel : null,
      year2 !== state.year || indicator2.id === indicator.id ? String(year) : null,
    ]
      .filter((x) => x !== null)
      .join(', ');
  const firstLabel = sideLabel(indicator, state.year);
  const secondLabel = sideLabel(indicator2, year2);
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
        <SecondMapControl
          value={state.secondMap}
          year={state.year}
          indicator={indicator}
          level={level}
          onChange={(secondMap) => update({ secondMap })}
        />
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
        {(result.error ?? result2.error ?? mapError) && (
          <div className="fr-alert fr-alert--error fr-alert--sm fr-mb-1w" role="alert">
            <p>
              La carte n’a pas pu être mise à jour : {result.error ?? result2.error ?? mapError}
            </p>
          </div>
        )}
        {second && !secondValid && (
          <div className="fr-alert fr-alert--info fr-alert--sm fr-mb-1w">
            <p>
              Seconde carte non affichée : l’indicateur « {second.indicator.shortLabel} » n’est pas
              publié au niveau « {LEVEL_LABELS[level].toLowerCase()} ».
            </p>
          </div>
        )}
        <div className={secondValid ? 'observatoire-map-pair' : undefined}>
          <div className="observatoire-map-frame">
            {secondValid && (
              <p className="fr-text--sm fr-text--bold fr-mb-1v" data-testid="map-caption">
                {firstLabel}
              </p>
            )}
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
                  onController={setCtrl1}
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
                classesNote={secondValid ? (shared ? SHARED_CLASSES_NOTE : OWN_CLASSES_NOTE) : null}
              />
            )}
          </div>
          {secondValid && manifest && (
            <div className="observatoire-map-frame">
              <p className="fr-text--sm fr-text--bold fr-mb-1v" data-testid="map-caption">
                {secondLabel}
              </p>
              <div className="observatoire-map" data-painted={busy2 ? 'false' : 'true'}>
                <ObservatoireMap
                  dataRoot={dataRootUrl()}
                  bounds={bounds}
                  tiles={tileSetsOf(manifest.geometry)}
                  view={state.map}
                  level={drawn2?.level ?? level}
                  mode={derived2?.mode ?? 'choropleth'}
                  cols={drawn2?.cols ?? null}
                  styling={derived2?.styling ?? null}
                  resultKey={drawn2?.key ?? ''}
                  selected={selected}
                  services={servicesGeo}
                  label={`Seconde carte : ${indicator2.label}, ${subtitle2}`}
                  preload={[]}
                  hookName="map2"
                  onController={setCtrl2}
                  onHover={bus2.emit}
                  onSelect={onSelect}
                  onMove={(v) => update({ map: roundMapView(v) }, { replace: true })}
                  onPainted={setPainted2}
                  onError={setMapError}
                />
                <Tooltip
                  bus={bus2}
                  cols={drawn2?.cols ?? null}
                  names={drawn2?.names ?? []}
                  unit={drawn2?.indicator.unit ?? indicator2.unit}
                  decimals={drawn2?.indicator.decimals ?? indicator2.decimals}
                  period={String(year2)}
                />
              </div>
              {derived2 && (
                <MapLegend
                  title={drawn2?.indicator.shortLabel ?? indicator2.shortLabel}
                  unit={drawn2?.indicator.unit ?? indicator2.unit}
                  items={derived2.legend}
                  circles={derived2.circles}
                  note={derived2.note}
                  services={servicesGeo ? servicesGeo.features.length : null}
                  classesNote={shared ? SHARED_CLASSES_NOTE : OWN_CLASSES_NOTE}
                />
              )}
            </div>
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
            {intervals && secondValid && cols2 && (
              <TwoMapTablePanel
                first={{ cols, names, indicator: shownInd, label: firstLabel }}
                second={{ cols: cols2, names: names2, indicator: shownInd2, label: secondLabel }}
                caption={`${firstLabel} et ${secondLabel} — ${LEVEL_LABELS_PLURAL[level]} · ${filtersInWords(indicator, state)}`}
                onSelect={onSelect}
              />
            )}
            {intervals && !secondValid && (
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
  // Painted means a complete map on screen: one drawn from prebaked results counts while the
  // engine still starts.
  const [mapShown, setMapShown] = useState(false);
  return (
    <BusyScope
      as="section"
      busy={engineBusy && !mapShown}
      className="observatoire-view"
      data-view-name="carte"
    >
      <CarteContent state={state} update={update} onMapShown={setMapShown} />
    </BusyScope>
  );
}
