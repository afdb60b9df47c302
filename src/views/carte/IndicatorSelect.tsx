/** The indicator picker, grouped by theme. */
import { useId, type JSX } from 'react';
import { INDICATORS, THEME_LABELS, type Theme } from '../../catalogue';

export function IndicatorSelect(props: {
  readonly value: string;
  readonly onChange: (id: string) => void;
}): JSX.Element {
  const id = useId();
  const themes = Object.keys(THEME_LABELS) as Theme[];
  return (
    <div className="fr-select-group">
      <label className="fr-label" htmlFor={id}>
        Indicateur
      </label>
      <select
        id={id}
        className="fr-select"
        name="indicateur"
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
      >
        {themes.map((t) => (
          <optgroup key={t} label={THEME_LABELS[t]}>
            {INDICATORS.filter((i) => i.theme === t).map((i) => (
              <option key={i.id} value={i.id}>
                {i.label}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
    </div>
  );
}
