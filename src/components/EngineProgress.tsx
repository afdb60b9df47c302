/** The engine's start-up, as a progress bar with the current step in words (polite live region). */
import type { JSX } from 'react';
import type { EngineStatus } from '../db/connector';
import { formatPercent } from '../format';
import { MESSAGES } from '../messages';

export function EngineProgress({ status }: { readonly status: EngineStatus }): JSX.Element | null {
  if (status.state !== 'loading' && status.state !== 'idle') return null;
  const progress = status.state === 'loading' ? Math.max(0, Math.min(1, status.progress)) : 0;
  const step = status.state === 'loading' ? status.step : MESSAGES.engineLoading;
  return (
    <div className="fr-callout fr-my-4w" data-engine-progress="">
      <p className="fr-callout__title">{MESSAGES.engineLoading}</p>
      <div role="status" aria-live="polite" className="fr-callout__text">
        <p className="fr-mb-1w">{step}</p>
        <progress
          max={100}
          value={Math.round(progress * 100)}
          aria-label={MESSAGES.engineLoading}
          style={{
            width: '100%',
            height: '0.75rem',
            accentColor: 'var(--background-action-high-blue-france)',
          }}
        />
        <p className="fr-text--sm fr-mb-0">{formatPercent(progress * 100, { decimals: 0 })}</p>
      </div>
    </div>
  );
}
