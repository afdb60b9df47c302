/**
 * The shell: header and navigation, banners, the current view inside its own error boundary, the
 * footer. The root carries `data-offline-ready` (src/app/offline.ts), `data-engine-state` (`ready` once the first tables answer) and
 * `data-engine-complete` (every table loaded, engine locked) so tests can wait for the engine. The
 * synthetic-data banner shows while a figure on screen reads synthetic data (before any figure, as
 * the tables or the manifest say: so it shows before any table is loaded). It gives every figure
 * its export menu (charts sit below the export floor and do not import it).
 */
import { useEffect, type JSX } from 'react';
import { Display } from '@codegouvfr/react-dsfr/Display';
import { SkipLinks } from '@codegouvfr/react-dsfr/SkipLinks';
import {
  useDataSource,
  useEngineComplete,
  useEngineStatus,
  useManifest,
  useSyntheticShown,
} from '../db';
import { FigureMenu } from '../charts/figure-menu';
import { ExportMenu } from '../export/ExportMenu';
import { removePoster } from '../map/poster-handover';
import { APP_TITLE, MESSAGES, NAV_LABELS } from '../messages';
import { useAppState } from '../state/useAppState';
import { AppFooter } from './AppFooter';
import { AppHeader } from './AppHeader';
import { IntegrationShell } from './IntegrationShell';
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
  return (
    <FigureMenu.Provider value={ExportMenu}>
      <Shell />
    </FigureMenu.Provider>
  );
}

function Shell(): JSX.Element {
  const [state, update] = useAppState();
  const status = useEngineStatus();
  const complete = useEngineComplete();
  const manifest = useManifest();
  const source = useDataSource();
  const synthetic = useSyntheticShown();
  const offline = useOffline();

  useEffect(() => {
    document.title = `${NAV_LABELS[state.view]} — ${APP_TITLE}`;
  }, [state.view]);
  // The poster (index.html) shows the default Carte view only: another view, or an engine that
  // failed (its banner must be seen), takes it away. CarteView removes it once its map is painted.
  useEffect(() => {
    if (state.view !== 'carte' || status.state === 'failed') removePoster(status.state);
  }, [state.view, status.state]);

  const root = {
    id: 'observatoire',
    'data-engine-state': status.state,
    'data-engine-complete': complete ? 'true' : 'false',
    'data-current-view': state.view,
    'data-offline-ready': offline.ready ? 'true' : undefined,
  } as const;

  // Embedded in another site: the view alone, without header, navigation and footer.
  if (state.integration)
    return (
      <div {...root} data-integration="true">
        <OwnDataNotice source={source} datasetTitle={manifest?.title ?? null} />
        <EngineFailure status={status} />
        <IntegrationShell view={state.view} synthetic={synthetic} />
      </div>
    );

  return (
    <div {...root}>
      <SkipLinks
        links={[
          { label: MESSAGES.skipToContent, anchor: '#contenu' },
          { label: MESSAGES.skipToFooter, anchor: '#pied-de-page' },
        ]}
      />
      <AppHeader state={state} update={update} />
      <OfflineNotice offline={offline} />
      <UpdateNotice updated={offline.updated} />
      <SyntheticNotice synthetic={synthetic} />
      <OwnDataNotice source={source} datasetTitle={manifest?.title ?? null} />
      <UrlNotices />
      <EngineFailure status={status} />
      <main id="contenu" tabIndex={-1} style={{ outline: 'none' }}>
        <ViewErrorBoundary key={state.view} view={state.view}>
          <CurrentView view={state.view} />
        </ViewErrorBoundary>
      </main>
      <AppFooter />
      {/* The « Paramètres d’affichage » dialog (light, dark or system theme), opened from the
          header and the footer. */}
      <Display />
    </div>
  );
}
