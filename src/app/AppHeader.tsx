/** DSFR header with the service title and the main navigation driven by `vue`. */
import type { JSX, MouseEvent } from 'react';
import { headerFooterDisplayItem } from '@codegouvfr/react-dsfr/Display';
import { Header } from '@codegouvfr/react-dsfr/Header';
import { APP_TAGLINE, APP_TITLE, MESSAGES, NAV_LABELS } from '../messages';
import type { AppState, ViewId } from '../state/app-state';
import { serialiseState } from '../state/url';
import type { UpdateState } from '../state/useAppState';
import { NAV_ORDER } from './routes';

export const BRAND_TOP = (
  <>
    République
    <br />
    Française
  </>
);

export const HOME_LINK = { href: '?', title: MESSAGES.homeTitle } as const;

/** Plain clicks navigate in place; modified clicks (new tab…) keep the browser's behaviour. */
function isPlainClick(e: MouseEvent): boolean {
  return e.button === 0 && !e.metaKey && !e.ctrlKey && !e.shiftKey && !e.altKey;
}

export function AppHeader({
  state,
  update,
}: {
  readonly state: AppState;
  readonly update: UpdateState;
}): JSX.Element {
  const go = (view: ViewId) => (e: MouseEvent<HTMLAnchorElement>) => {
    if (!isPlainClick(e)) return;
    e.preventDefault();
    // On small screens the navigation sits in the DSFR menu modal: close it, as a page load would.
    const modal = e.currentTarget.closest('.fr-modal--opened');
    modal?.querySelector<HTMLButtonElement>('.fr-btn--close')?.click();
    update({ view });
    window.scrollTo({ top: 0 });
    // Screen readers follow the focus to the new view's content (it is a page change for them).
    document.getElementById('contenu')?.focus({ preventScroll: true });
  };
  return (
    <Header
      brandTop={BRAND_TOP}
      serviceTitle={APP_TITLE}
      serviceTagline={APP_TAGLINE}
      quickAccessItems={[headerFooterDisplayItem]}
      homeLinkProps={{
        ...HOME_LINK,
        href: serialiseState({ ...state, view: 'carte' }) || '?',
        onClick: go('carte'),
      }}
      navigation={NAV_ORDER.map((view) => ({
        text: NAV_LABELS[view],
        isActive: state.view === view,
        linkProps: {
          href: serialiseState({ ...state, view }) || '?',
          onClick: go(view),
          'aria-current': state.view === view ? 'page' : undefined,
          'data-nav': view,
        } as const,
      }))}
    />
  );
}
