/**
 * « Comparer avec » : turns the second map of Carte on or off and picks what differs on it
 * (another year or another indicator), written to the URL as `carte2`.
 */
import { useId, type JSX } from 'react';
import {
  FIRST_YEAR,
  INDICATORS,
  LAST_YEAR,
  isValidAt,
  type IndicatorDefinition,
  type MapLevel,
} from '../../catalogue';
import type { SecondMap } from '../../state/app-state';
import { formatSecondMap } from '../../state/url';

export function SecondMapControl(props: {
  readonly value: SecondMap | null;
  readonly year: number;
  readonly indicator: IndicatorDefinition;
  readonly level: MapLevel;
  readonly onChange: (value: SecondMap | null) => void;
}): JSX.Element {
  const id = useId();
  const years: SecondMap[] = [];
  for (let y = LAST_YEAR; y >= FIRST_YEAR; y--)
    if (y !== props.year) years.push({ year: y, indicator: null });
  const indicators: SecondMap[] = INDICATORS.filter(
    (i) => i.id !== props.indicator.id && isValidAt(i, props.level),
  ).map((i) => ({ year: null, indicator: i.id }));
  const options = new Map<string, SecondMap>();
  for (const o of [...years, ...indicators]) options.set(formatSecondMap(o), o);
  const current = props.value ? formatSecondMap(props.value) : '';
  // A shared link may set both a year and an indicator: it stays selectable as it is.
  if (props.value && !options.has(current)) options.set(current, props.value);
  const label = (o: SecondMap): string => {
    const ind = INDICATORS.find((i) => i.id === o.indicator);
    return [
      o.year !== null ? `Année ${o.year}` : null,
      ind ? `Indicateur : ${ind.shortLabel}` : null,
    ]
      .filter((x) => x !== null)
      .join(', ');
  };
  return (
    <div className="fr-select-group">
      <label className="fr-label" htmlFor={id}>
        Comparer avec une seconde carte
        <span className="fr-hint-text">Même niveau et mêmes filtres, côte à côte</span>
      </label>
      <select
        id={id}
        className="fr-select"
        name="carte2"
        value={current}
        onChange={(e) => props.onChange(options.get(e.target.value) ?? null)}
      >
        <option value="">Aucune (une seule carte)</option>
        {[...options].map(([key, o]) => (
          <option key={key} value={key}>
            {label(o)}
          </option>
        ))}
      </select>
    </div>
  );
}
