/**
 * The shell: header and navigation, banners, the current view inside its own error boundary, the
 * footer. The root carries `data-offline-ready` (src/app/offline.ts), `data-engine-state` (`ready` once the first tables answer) and
 * `data-engine-complete` (every table loaded, engine locked) so tests can wait for the engine. The
 * synthetic-data banner comes from the manifest, shown before any table is loaded.
 */
import { useEffect, type JSX } from 'react';
import { SkipLinks } from '@codegouvfr/react-dsfr/SkipLinks';
import { useDataSource, useEngineComplete, useEngineStatus, useManifest } from '../db';
import { APP_TITLE, MESSAGES, NAV_LABELS } from '../messages';
import { useAppState } from '../state/useAppState';
import { AppFooter } from './AppFooter';
import { AppHeader } from './AppHeader';
import {
  EngineFailure,
  OfflineNotice,
  OwnDataNotice,
  SyntheticNotice,
  UpdateNotice,
  UrlNotices,
} from './Notices';
import { useOffline } from './offline';
import { CurrentView } from './routes';
import { ViewErrorBoundary } from './ViewErrorBoundary';

export function App(): JSX.Element {
  const [state, update] = useAppState();
  const status = useEngineStatus();
  const complete = useEngineComplete();
  const manifest = useManifest();
  const source = useDataSource();
  const offline = useOffline();

  useEffect(() => {
    document.title = `${NAV_LABELS[state.view]} — ${APP_TITLE}`;
  }, [state.view]);

  return (
    <div
      id="observatoire"
      data-engine-state={status.state}
      data-engine-complete={complete ? 'true' : 'false'}
      data-current-view={state.view}
      data-offline-ready={offline.ready ? 'true' : undefined}
    >
      <SkipLinks
        links={[
          { label: MESSAGES.skipToContent, anchor: '#contenu' },
          { label: MESSAGES.skipToFooter, anchor: '#pied-de-page' },
        ]}
      />
      <AppHeader state={state} update={update} />
      <OfflineNotice offline={offline} />
      <UpdateNotice updated={offline.updated} />
      <SyntheticNotice synthetic={manifest?.synthetic ?? false} />
      <OwnDataNotice source={source} datasetTitle={manifest?.title ?? null} />
      <UrlNotices />
      <EngineFailure status={status} />
      <main id="contenu" tabIndex={-1} style={{ outline: 'none' }}>
        <ViewErrorBoundary key={state.view} view={state.view}>
          <CurrentView view={state.view} />
        </ViewErrorBoundary>
      </main>
      <AppFooter />
    </div>
  );
}
