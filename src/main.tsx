/**
 * Entry point: DSFR (self-hosted CSS, fonts and icons from the package), the data engine started
 * once, the shell rendered.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { addDisplayTranslations } from '@codegouvfr/react-dsfr/Display';
import { startReactDsfr } from '@codegouvfr/react-dsfr/spa';
import '@codegouvfr/react-dsfr/main.css';
import { preloadPrebaked, startEngine } from './db';
import { App } from './app/App';
import { registerServiceWorker } from './app/offline';

// Light or dark as the system says, until the user picks one in « Paramètres d’affichage ».
startReactDsfr({ defaultColorScheme: 'system' });
// French typography (the package writes a straight apostrophe).
addDisplayTranslations({ lang: 'fr', messages: { 'display settings': 'Paramètres d’affichage' } });

// One start for the page. A failure is logged by src/db and shown by the shell from the status.
startEngine().catch(() => undefined);
// The entry views' prebaked results: the first map paints from them while the engine starts.
preloadPrebaked();

registerServiceWorker();

const root = document.getElementById('root');
if (!root) throw new Error('Élément #root absent de index.html');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
