/**
 * Hover tooltip: name, value with unit (fr-FR), period, or « donnée masquée (secret statistique) »;
 * on a France services point of the overlay, its name and kind.
 */
import type { JSX } from 'react';
import { SERVICE_TYPE_LABELS, type ServiceType } from '../../catalogue';
import { formatMeasure, MISSING_LABEL } from '../../format';
import type { ResultColumns } from '../../map/join';
import type { MapHit } from '../../map/map-controller';

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
  if (hit.service) {
    const kind = SERVICE_TYPE_LABELS[hit.service.type as ServiceType] ?? hit.service.type;
    return (
      <div
        className="observatoire-tooltip"
        role="status"
        style={{ transform: `translate(${hit.x + 14}px, ${hit.y + 14}px)` }}
      >
        <strong>{hit.service.name}</strong>
        <br />
        {kind}
        <br />
        <span className="fr-text--xs">Ouverte au 31 décembre {props.period}</span>
      </div>
    );
  }
  const i = cols?.index.get(hit.code);
  const name = i !== undefined ? (props.names[i] ?? hit.code) : hit.name;
  const value =
    i === undefined || !cols
      ? `${MISSING_LABEL} (non disponible)`
      : Number.isNaN(cols.values[i] ?? NaN) && cols.suppressed[i] !== 1
        ? `${MISSING_LABEL} (non disponible)`
        : formatMeasure(cols.values[i], cols.suppressed[i] === 1, props.unit, props.decimals);
  return (
    <div
      className="observatoire-tooltip"
      role="status"
      style={{ transform: `translate(${hit.x + 14}px, ${hit.y + 14}px)` }}
    >
      <strong>{name}</strong>
      <br />
      {value}
      <br />
      <span className="fr-text--xs">{props.period}</span>
    </div>
  );
}
