/**
 * Entry point: DSFR (self-hosted CSS, fonts and icons from the package), the data engine started
 * once, the shell rendered under the app's query coordinator (which ends the engine on `pagehide`).
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { addDisplayTranslations } from '@codegouvfr/react-dsfr/Display';
import { startReactDsfr } from '@codegouvfr/react-dsfr/spa';
import '@codegouvfr/react-dsfr/main.css';
import './app/dsfr-speed.css';
import { CoordinatorProvider } from './db';
import { App } from './app/App';
import { registerServiceWorker } from './app/offline';
import { posterFrame } from './map/poster-handover';
import { startEngineForPage } from './app/engine-start';
import { startEntryView } from './app/entry-prime';

// One start for the page (the first tables; the others when a view needs them), held back
// while Sites or the report draw from prebaked results; the service worker's precache (the
// whole app and data set) waits for that start to end. A failure is logged by src/db and shown
// by the shell.
// First: its worker fetches and compiles the engine while the poster paints.
startEngineForPage(registerServiceWorker);
// The entry view's code starts loading now, beside DSFR's start and the shell's first render;
// Sites and the report also read their prebaked figures first, so that they render once.
startEntryView(window.location.search);

// The poster (the first map, in index.html) gets its frame before the app's first render and
// DSFR's start, which would otherwise hold the main thread for seconds before any paint.
await posterFrame();

// Light or dark as the system says, until the user picks one in « Paramètres d’affichage ».
startReactDsfr({ defaultColorScheme: 'system' });
// French typography (the package writes a straight apostrophe).
addDisplayTranslations({ lang: 'fr', messages: { 'display settings': 'Paramètres d’affichage' } });

const root = document.getElementById('root');
if (!root) throw new Error('Élément #root absent de index.html');
createRoot(root).render(
  <StrictMode>
    <CoordinatorProvider>
      <App />
    </CoordinatorProvider>
  </StrictMode>,
);
