/**
 * Small pieces of the Carte view's layout that the live view (CarteView) and its poster
 * (CartePoster, rendered into index.html at build time) both draw: one markup, so the poster
 * cannot drift from the page it stands for.
 */
import type { JSX, ReactNode } from 'react';

/** « Afficher les France services »; without `onChange` (the poster), read-only. */
export function ServicesToggle(props: {
  readonly checked: boolean;
  readonly onChange?: (checked: boolean) => void;
}): JSX.Element {
  const { onChange } = props;
  return (
    <div className="fr-toggle fr-toggle--label-left fr-mt-2w">
      <input
        type="checkbox"
        className="fr-toggle__input"
        id="carte-services"
        checked={props.checked}
        readOnly={onChange === undefined}
        onChange={onChange ? (e) => onChange(e.target.checked) : undefined}
      />
      <label className="fr-toggle__label" htmlFor="carte-services">
        Afficher les France services
      </label>
    </div>
  );
}

/** The map's title and subtitle, with its export menu (`children`) beside them. */
export function CarteTitle(props: {
  readonly title: string;
  readonly subtitle: string;
  readonly children: ReactNode;
}): JSX.Element {
  return (
    <div className="observatoire-carte__title">
      <div>
        <h1 className="fr-h4 fr-mb-1v">{props.title}</h1>
        <p className="fr-text--sm fr-mb-1w">{props.subtitle}</p>
      </div>
      {props.children}
    </div>
  );
}
