/**
 * Carte: the territorial map of an indicator. Derive (URL state → SQL → Arrow → classes and
 * legend), lay out (controls, map with legend and tooltip, profile panel, data table) and draw
 * (MapLibre through ObservatoireMap, charts through ChartFigure). The view owns no SQL text.
 */
import './carte/carte.css';
import { useCallback, useLayoutEffect, useState, type JSX } from 'react';
import {
  LEVEL_LABELS,
  LEVEL_LABELS_PLURAL,
  SYNTHETIC_NOTE,
  ZRR_YEARS,
  findIndicator,
  partInYear,
  qpvListInForce,
  type IndicatorDefinition,
} from '../catalogue';
import { BusyScope } from '../components/BusyScope';
import { cachedQuery, dataRoot, dataVersion, useEngineBusy, useProvenance } from '../db';
import { ExportMenu } from '../export/ExportMenu';
import { fileStem } from '../export/file-name';
import { tileSetsOf } from '../map/map-controller';
import { ObservatoireMap } from '../map/ObservatoireMap';
import { removePoster } from '../map/poster-handover';
import { effectiveLevel, figuresPublished, mapQueries } from '../query';
import type { AppState, TerritoryRef } from '../state/app-state';
import { roundMapView } from '../state/url';
import { useAppState, type UpdateState } from '../state/useAppState';
import { CarteSearch } from './carte/CarteSearch';
import { ClassificationControls } from './carte/ClassificationControls';
import { FilterControls, filtersInWords } from './carte/FilterControls';
import { activeFilterCodes } from '../state/active-filters';
import { useHover, type HoverBus } from './carte/hover-bus';
import { IndicatorSelect } from './carte/IndicatorSelect';
import { LevelControl } from './carte/LevelControl';
import { mapSvgGetter } from './carte/map-svg';
import { MapLegend } from './carte/MapLegend';
import { OWN_CLASSES_NOTE, qpvListsText, SHARED_CLASSES_NOTE } from './carte/map-notes';
import { MapTablePanel, TwoMapTablePanel } from './carte/MapTablePanel';
import { MapTooltip } from './carte/MapTooltip';
import { CarteTitle, ServicesToggle } from './carte/CarteParts';
import { ProfilePanel } from './carte/ProfilePanel';
import { SecondMapControl } from './carte/SecondMapControl';
import { useCarteData } from './carte/useCarteData';
import { useMapPair } from './carte/useMapPair';
import { YearSlider } from './carte/YearSlider';

/** Absolute URL of the data root (MapLibre fetches geometry from its worker, which needs one). */
function dataRootUrl(): string {
  return new URL(dataRoot(), window.location.href).href;
}

const FALLBACK_BOUNDS: readonly [number, number, number, number] = [-6, 41, 10, 51.5];

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
  const {
    manifest,
    indicator,
    level,
    filters,
    sql,
    error,
    second,
    secondValid,
    indicator2,
    year2,
    qpvAtCommunes,
    shownInd,
    shownLevel,
    cols,
    names,
    intervals,
    shownInd2,
    cols2,
    names2,
    shared,
    drawn,
    drawn2,
    busy,
    busy2,
    preload,
    prepaint,
    settledPaint,
    servicesGeo,
    setPainted,
    setPainted2,
    setMapError,
    setTableOpen,
  } = useCarteData(state, update);
  useLayoutEffect(() => onMapShown(settledPaint), [onMapShown, settledPaint]);
  // The poster of the first map (index.html) gives way once this view's own map is complete, or
  // at once when something else must be seen: an error.
  useLayoutEffect(() => {
    if (settledPaint) removePoster('carte');
    else if (error) removePoster('erreur');
  }, [settledPaint, error]);
  const { ctrl1, setCtrl1, setCtrl2, bus, bus2 } = useMapPair();
  const derived = drawn?.derived ?? null;
  const derived2 = drawn2?.derived ?? null;

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
        <ServicesToggle
          checked={state.showServices}
          onChange={(showServices) => update({ showServices })}
        />
      </div>

      <div className="observatoire-carte__main">
        <CarteTitle title={indicator.label} subtitle={subtitle}>
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
            getCanvas={() => ctrl1?.map.getCanvas() ?? null}
            getMapSvg={mapSvgGetter(drawn, manifest, dataRootUrl(), {
              services: servicesGeo,
              selected,
            })}
          />
        </CarteTitle>
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
        {error && (
          <div className="fr-alert fr-alert--error fr-alert--sm fr-mb-1w" role="alert">
            <p>La carte n’a pas pu être mise à jour : {error}</p>
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
                  prepaint={prepaint}
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
