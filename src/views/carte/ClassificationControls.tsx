/** Classification method and number of classes (choropleth only). */
import { useId, type JSX } from 'react';
import {
  CLASSIFICATION_LABELS,
  CLASSIFICATION_METHODS,
  MAX_CLASSES,
  MIN_CLASSES,
  type ClassificationMethod,
} from '../../map/classification';

export function ClassificationControls(props: {
  readonly method: ClassificationMethod;
  readonly classes: number;
  readonly onChange: (patch: { classification?: ClassificationMethod; classes?: number }) => void;
}): JSX.Element {
  const m = useId();
  const k = useId();
  return (
    <div className="observatoire-classification">
      <div className="fr-select-group">
        <label className="fr-label" htmlFor={m}>
          Discrétisation
        </label>
        <select
          id={m}
          className="fr-select"
          value={props.method}
          onChange={(e) =>
            props.onChange({ classification: e.target.value as ClassificationMethod })
          }
        >
          {CLASSIFICATION_METHODS.map((c) => (
            <option key={c} value={c}>
              {CLASSIFICATION_LABELS[c]}
            </option>
          ))}
        </select>
      </div>
      <div className="fr-select-group">
        <label className="fr-label" htmlFor={k}>
          Nombre de classes
        </label>
        <select
          id={k}
          className="fr-select"
          value={props.classes}
          onChange={(e) => props.onChange({ classes: Number(e.target.value) })}
        >
          {Array.from({ length: MAX_CLASSES - MIN_CLASSES + 1 }, (_, i) => MIN_CLASSES + i).map(
            (n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ),
          )}
        </select>
      </div>
    </div>
  );
}
