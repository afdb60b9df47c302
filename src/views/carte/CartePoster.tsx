/**
 * The Carte view as a poster: the layout CarteView draws for a state whose first map is prebaked
 * (controls, title, the map, its legend and notes), from the same components, with the map drawn
 * by PosterMap instead of MapLibre. Rendered to HTML at build time (src/app/poster-page.tsx); in
 * the page it is inert and hidden from assistive technologies until the live view replaces it.
 * The export menu, which reads the page's URL and the engine, is drawn as it looks at rest.
 */
import type { JSX } from 'react';
import type { DatasetManifest, IndicatorDefinition, MapLevel } from '../../catalogue';
import { LEVEL_LABELS_PLURAL, SYNTHETIC_NOTE } from '../../catalogue';
import type { ResultColumns } from '../../map/join';
import { PosterMap } from '../../map/PosterMap';
import type { PosterGeometry } from '../../map/poster-format';
import type { AppState } from '../../state/app-state';
import { CarteTitle, ServicesToggle } from './CarteParts';
import { CarteSearch } from './CarteSearch';
import { ClassificationControls } from './ClassificationControls';
import { FilterControls, filtersInWords } from './FilterControls';
import { IndicatorSelect } from './IndicatorSelect';
import { LevelControl } from './LevelControl';
import type { MapDerived } from './map-derive';
import { MapLegend } from './MapLegend';
import { SecondMapControl } from './SecondMapControl';
import { YearSlider } from './YearSlider';

export interface CartePosterProps {
  readonly state: AppState;
  readonly manifest: DatasetManifest;
  readonly indicator: IndicatorDefinition;
  readonly level: MapLevel;
  readonly cols: ResultColumns;
  readonly derived: MapDerived;
  readonly geometry: PosterGeometry;
  /** The build's rasterizer of the map's areas (PosterMap). */
  readonly rasterize: (svg: string) => string;
}

const ignore = (): void => undefined;

export function CartePoster(props: CartePosterProps): JSX.Element {
  const { state, indicator, level, derived } = props;
  const subtitle = `${LEVEL_LABELS_PLURAL[level]} · ${state.year} · ${filtersInWords(indicator, state)}`;
  return (
    <div className="observatoire-carte">
      <div className="observatoire-carte__controls">
        <CarteSearch indicator={indicator} onGo={ignore} />
        <IndicatorSelect value={indicator.id} onChange={ignore} />
        <p className="fr-text--xs">{indicator.definition}</p>
        <LevelControl indicator={indicator} value={level} onChange={ignore} />
        <YearSlider value={state.year} painted onChange={ignore} />
        <FilterControls indicator={indicator} state={state} onChange={ignore} />
        <SecondMapControl
          value={state.secondMap}
          year={state.year}
          indicator={indicator}
          level={level}
          onChange={ignore}
        />
        {indicator.kind === 'rate' && (
          <ClassificationControls
            method={state.classification}
            classes={state.classes}
            onChange={ignore}
          />
        )}
        <ServicesToggle checked={state.showServices} />
      </div>
      <div className="observatoire-carte__main">
        <CarteTitle title={indicator.label} subtitle={subtitle}>
          {/* ExportMenu at rest (the menu itself reads the page's URL and the engine). */}
          <div className="observatoire-export" style={{ position: 'relative' }}>
            <button
              type="button"
              className="fr-btn fr-btn--secondary fr-btn--sm fr-icon-download-line fr-btn--icon-left"
              aria-expanded="false"
            >
              Exporter
            </button>
          </div>
        </CarteTitle>
        <div>
          <div className="observatoire-map-frame">
            <div className="observatoire-map" data-painted="true">
              <PosterMap
                geometry={props.geometry}
                bounds={props.manifest.bounds}
                mode={derived.mode}
                cols={props.cols}
                styling={derived.styling}
                rasterize={props.rasterize}
              />
            </div>
            <MapLegend
              title={indicator.shortLabel}
              unit={indicator.unit}
              items={derived.legend}
              circles={derived.circles}
              note={derived.note}
            />
          </div>
        </div>
        <p className="fr-text--xs fr-mt-1w">
          Source : {indicator.source} ({indicator.vintage}). Fonds : limites administratives
          simplifiées, DROM en encarts.
          {props.manifest.synthetic && (
            <strong className="observatoire-synthetic"> {SYNTHETIC_NOTE}</strong>
          )}
        </p>
        <details className="observatoire-carte__table">
          <summary className="fr-btn fr-btn--tertiary-no-outline fr-btn--sm fr-icon-table-line fr-btn--icon-left">
            Tableau de données de la carte
          </summary>
        </details>
      </div>
    </div>
  );
}
