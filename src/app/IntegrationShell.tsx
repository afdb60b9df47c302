/**
 * The embedded page (`integration=1`): the current view alone, without the site's header,
 * navigation and footer, and a link back to the same view in the full observatoire. What the view
 * itself marks (hatching and legend of secret cells, source, synthetic data) stays; the
 * controls, the data table, the profile panel and the export menu are hidden by
 * integration.css. The synthetic-data note is repeated in the footer line for views that do not
 * carry one under their figure.
 */
import type { JSX } from 'react';
import { SYNTHETIC_NOTE } from '../catalogue';
import type { ViewId } from '../state/app-state';
import { integrationHref } from '../state/url';
import { currentHref } from '../state/useAppState';
import { CurrentView } from './routes';
import { ViewErrorBoundary } from './ViewErrorBoundary';
import './integration.css';

/** Views whose figure carries its own synthetic-data mark under it. */
const MARKED_VIEWS: ReadonlySet<ViewId> = new Set(['carte', 'series']);

export function IntegrationShell(props: {
  readonly view: ViewId;
  readonly synthetic: boolean;
}): JSX.Element {
  return (
    <main id="contenu" className="observatoire-integration fr-px-1w">
      <ViewErrorBoundary key={props.view} view={props.view}>
        <CurrentView view={props.view} />
      </ViewErrorBoundary>
      <p className="fr-text--xs fr-mb-0 observatoire-integration__foot">
        {props.synthetic && !MARKED_VIEWS.has(props.view) && (
          <strong className="observatoire-synthetic">{SYNTHETIC_NOTE} </strong>
        )}
        <a
          className="fr-link fr-link--sm"
          href={integrationHref(currentHref(), false)}
          target="_blank"
          rel="noopener"
          data-integration-link=""
        >
          Ouvrir dans l’observatoire
        </a>
      </p>
    </main>
  );
}
