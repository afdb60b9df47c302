/**
 * Banners under the header: the synthetic-data note (persistent, while synthetic data are shown),
 * the URL notices (dismissible) and the engine failure (with its detail).
 */
import type { JSX } from 'react';
import { Notice } from '@codegouvfr/react-dsfr/Notice';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { SYNTHETIC_NOTE } from '../catalogue';
import { restartEngine } from '../db';
import type { EngineStatus } from '../db/connector';
import { formatDate } from '../format/date';
import { MESSAGES } from '../messages';
import type { OfflineState } from './offline';
import { useUrlNotices } from '../state/useAppState';

export function SyntheticNotice({
  synthetic,
}: {
  readonly synthetic: boolean;
}): JSX.Element | null {
  if (!synthetic) return null;
  return <Notice id="note-donnees-synthetiques" title={SYNTHETIC_NOTE} severity="warning" />;
}

/** Says, on every view, that the user's own file is what they are looking at. */
export function OwnDataNotice({
  source,
  datasetTitle,
}: {
  readonly source: string | null;
  readonly datasetTitle: string | null;
}): JSX.Element | null {
  if (source === null || datasetTitle === null || source === datasetTitle) return null;
  return (
    <Notice
      id="note-donnees-utilisateur"
      title={`Données affichées : ${source}`}
      description="fichier chargé depuis votre poste ; il n’a été envoyé nulle part. Le retour au jeu de l’observatoire se fait depuis la vue Données."
    />
  );
}

/** Says that the network is gone and which cached data the app runs on. */
export function OfflineNotice({ offline }: { readonly offline: OfflineState }): JSX.Element | null {
  if (offline.online) return null;
  return (
    <Notice
      id="note-hors-ligne"
      title={`${MESSAGES.offlineTitle} :`}
      description={
        offline.cachedAt
          ? MESSAGES.offlineCachedOn(formatDate(offline.cachedAt))
          : MESSAGES.offlineNoCache
      }
    />
  );
}

/** Says that a new version took over the cache: the page should be reloaded. */
export function UpdateNotice({ updated }: { readonly updated: boolean }): JSX.Element | null {
  if (!updated) return null;
  return (
    <Notice
      id="note-nouvelle-version"
      title={`${MESSAGES.updatedTitle} :`}
      description={MESSAGES.updatedBody}
      link={{
        linkProps: {
          href: '#',
          onClick: (e) => {
            e.preventDefault();
            window.location.reload();
          },
        },
        text: MESSAGES.updatedReload,
      }}
    />
  );
}

export function UrlNotices(): JSX.Element | null {
  const [notices, dismiss] = useUrlNotices();
  if (notices.length === 0) return null;
  return (
    <div className="fr-container fr-my-2w" data-url-notices="">
      <Alert
        severity="warning"
        small={false}
        title={MESSAGES.urlNoticeTitle}
        description={
          <ul className="fr-mb-0">
            {notices.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
        }
        closable
        onClose={dismiss}
        isClosed={false}
        role="status"
        as="h2"
      />
    </div>
  );
}

export function EngineFailure({ status }: { readonly status: EngineStatus }): JSX.Element | null {
  // src/db has logged the detail already; the user gets the message and the detail on demand.
  const failed = status.state === 'failed' ? status : null;
  if (!failed) return null;
  const title = failed.stopped
    ? MESSAGES.engineStoppedTitle
    : failed.partial
      ? MESSAGES.engineIncompleteTitle
      : MESSAGES.engineFailedTitle;
  const body = failed.stopped
    ? MESSAGES.engineStoppedBody
    : failed.partial
      ? MESSAGES.engineIncompleteBody
      : MESSAGES.engineFailedBody;
  return (
    <div className="fr-container fr-mt-2w" data-engine-error="">
      <Alert
        severity="error"
        as="h2"
        title={title}
        description={
          <>
            {failed.message} {body}
            {failed.stopped && (
              <p className="fr-mt-1w fr-mb-0">
                <Button
                  iconId="fr-icon-refresh-line"
                  onClick={() => void restartEngine().catch(() => undefined)}
                >
                  {MESSAGES.engineRestart}
                </Button>
              </p>
            )}
            <details className="fr-mt-1w">
              <summary>Détail technique</summary>
              <pre style={{ whiteSpace: 'pre-wrap' }}>{failed.detail}</pre>
            </details>
          </>
        }
      />
    </div>
  );
}
