/**
 * Hover tooltip: name, value with unit (fr-FR), period, or « donnée masquée (secret statistique) »;
 * where the symbol stands when it is not the territory's shape (a QPV at its commune); on a France
 * services point of the overlay, its name and kind.
 */
import type { JSX } from 'react';
import { SERVICE_TYPE_LABELS, type ServiceType } from '../../catalogue';
import { formatMeasure, MISSING_LABEL } from '../../format';
import type { ResultColumns } from '../../map/join';
import type { MapHit } from '../../map/map-controller';
import { QPV_AT_COMMUNE_TOOLTIP } from '../../messages';

export function MapTooltip(props: {
  readonly hit: MapHit | null;
  readonly cols: ResultColumns | null;
  readonly names: readonly string[];
  readonly unit: string;
  readonly decimals: number;
  readonly period: string;
}): JSX.Element | null {
  const { hit, cols } = props;
  if (!hit) return null;
  const lines = hit.service
    ? serviceLines(hit.service, props.period)
    : territoryLines(hit, cols, props);
  return (
    <div
      className="observatoire-tooltip"
      role="status"
      style={{ transform: `translate(${hit.x + 14}px, ${hit.y + 14}px)` }}
    >
      <strong>{lines.title}</strong>
      <br />
      {lines.body}
      <br />
      <span className="fr-text--xs">{lines.note}</span>
      {hit.position === 'commune' && (
        <>
          <br />
          <span className="fr-text--xs">{QPV_AT_COMMUNE_TOOLTIP}</span>
        </>
      )}
    </div>
  );
}

interface TooltipLines {
  readonly title: string;
  readonly body: string;
  readonly note: string;
}

/** A France services point: its name, its kind, the date the overlay is drawn for. */
function serviceLines(service: NonNullable<MapHit['service']>, period: string): TooltipLines {
  return {
    title: service.name,
    body: SERVICE_TYPE_LABELS[service.type as ServiceType] ?? service.type,
    note: `Ouverte au 31 décembre ${period}`,
  };
}

/** A territory: its name, its value with unit or why there is none, the period. */
function territoryLines(
  hit: MapHit,
  cols: ResultColumns | null,
  props: {
    readonly names: readonly string[];
    readonly unit: string;
    readonly decimals: number;
    readonly period: string;
  },
): TooltipLines {
  const i = cols?.index.get(hit.code);
  const title = i !== undefined ? (props.names[i] ?? hit.code) : hit.name;
  const body =
    i === undefined || !cols
      ? `${MISSING_LABEL} (non disponible)`
      : Number.isNaN(cols.values[i] ?? NaN) && cols.suppressed[i] !== 1
        ? `${MISSING_LABEL} (non disponible)`
        : formatMeasure(cols.values[i], cols.suppressed[i] === 1, props.unit, props.decimals);
  return { title, body, note: props.period };
}
