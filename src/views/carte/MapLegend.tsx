/** The legend: classes with their counts, « secret statistique » (hatched) and « non disponible ». */
import type { JSX } from 'react';
import { formatNumber } from '../../format';
import type { LegendItem } from '../../map/legend';
import { CIRCLE_COLOR, SERVICE_COLOR } from '../../map/palette';

export interface CircleLegend {
  readonly values: readonly number[];
  readonly radius: (v: number) => number;
  readonly format: (v: number) => string;
}

function Swatch({ item }: { readonly item: LegendItem }): JSX.Element {
  return (
    <span
      aria-hidden="true"
      className={`observatoire-legend__swatch observatoire-legend__swatch--${item.kind}`}
      style={{ backgroundColor: item.color }}
    />
  );
}

export function MapLegend(props: {
  readonly title: string;
  readonly unit: string;
  readonly items: readonly LegendItem[];
  readonly circles: CircleLegend | null;
  readonly note: string | null;
  /** Number of France services drawn, when the overlay is on. */
  readonly services?: number | null;
  /** Two maps side by side: whether their colours compare (one classification) or not. */
  readonly classesNote?: string | null;
}): JSX.Element {
  const maxR = props.circles ? Math.max(4, ...props.circles.values.map(props.circles.radius)) : 0;
  return (
    <div className="observatoire-legend" aria-live="polite" data-testid="legend">
      <p className="fr-text--sm fr-text--bold fr-mb-1v">{props.title}</p>
      <p className="fr-text--xs fr-mb-1w">{props.unit}</p>
      {props.circles && props.circles.values.length > 0 && (
        <svg
          width={maxR * 2 + 90}
          height={maxR * 2 + 4}
          role="img"
          aria-label={`Cercles proportionnels : ${props.circles.values.map(props.circles.format).join(', ')}`}
        >
          {props.circles.values.map((v) => {
            const r = props.circles?.radius(v) ?? 0;
            return (
              <g key={v}>
                <circle
                  cx={maxR + 1}
                  cy={maxR * 2 + 2 - r}
                  r={r}
                  fill="none"
                  stroke={CIRCLE_COLOR}
                />
                <line
                  x1={maxR + 1}
                  x2={maxR * 2 + 8}
                  y1={maxR * 2 + 2 - 2 * r}
                  y2={maxR * 2 + 2 - 2 * r}
                  stroke="#929292"
                />
                <text x={maxR * 2 + 10} y={maxR * 2 + 2 - 2 * r + 4} fontSize="11">
                  {props.circles?.format(v)}
                </text>
              </g>
            );
          })}
        </svg>
      )}
      <ul className="observatoire-legend__items">
        {props.items.map((item) => (
          <li key={item.kind + item.label} data-kind={item.kind} data-color={item.color}>
            <Swatch item={item} />
            <span className="observatoire-legend__label">{item.label}</span>
            <span className="observatoire-legend__count">{formatNumber(item.count)} terr.</span>
          </li>
        ))}
        {props.services != null && (
          <li data-kind="services" data-color={SERVICE_COLOR}>
            <span
              aria-hidden="true"
              className="observatoire-legend__swatch observatoire-legend__swatch--point"
              style={{ backgroundColor: SERVICE_COLOR }}
            />
            <span className="observatoire-legend__label">France services et MSAP</span>
            <span className="observatoire-legend__count">{formatNumber(props.services)}</span>
          </li>
        )}
      </ul>
      {props.note && <p className="fr-text--xs fr-mt-1w">{props.note}</p>}
      {props.classesNote && (
        <p className="fr-text--xs fr-text--bold fr-mt-1w" data-testid="classes-note">
          {props.classesNote}
        </p>
      )}
    </div>
  );
}
