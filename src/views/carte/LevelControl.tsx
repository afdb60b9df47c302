/** Territorial level: a DSFR segmented control; levels where the indicator is not valid are disabled. */
import { useId, type JSX } from 'react';
import {
  LEVEL_LABELS,
  MAP_LEVELS,
  isValidAt,
  type IndicatorDefinition,
  type MapLevel,
} from '../../catalogue';

export function LevelControl(props: {
  readonly indicator: IndicatorDefinition;
  readonly value: MapLevel;
  readonly onChange: (level: MapLevel) => void;
}): JSX.Element {
  const name = useId();
  return (
    <fieldset className="fr-segmented fr-segmented--sm fr-mb-2w">
      <legend className="fr-segmented__legend">Niveau territorial</legend>
      <div className="fr-segmented__elements">
        {MAP_LEVELS.map((level) => {
          const valid = isValidAt(props.indicator, level);
          const id = `${name}-${level}`;
          return (
            <div key={level} className="fr-segmented__element">
              <input
                type="radio"
                id={id}
                name={name}
                value={level}
                checked={props.value === level}
                disabled={!valid}
                onChange={() => props.onChange(level)}
              />
              <label
                className="fr-label"
                htmlFor={id}
                title={valid ? undefined : 'Indicateur non disponible à ce niveau'}
              >
                {LEVEL_LABELS[level]}
              </label>
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}
