/** DSFR footer: what the dashboard is, its sources, the confidentiality rule and the licence. */
import type { JSX } from 'react';
import { headerFooterDisplayItem } from '@codegouvfr/react-dsfr/Display';
import { Footer } from '@codegouvfr/react-dsfr/Footer';
import { MESSAGES } from '../messages';
import { BRAND_TOP, HOME_LINK } from './AppHeader';

export function AppFooter(): JSX.Element {
  return (
    <Footer
      id="pied-de-page"
      brandTop={BRAND_TOP}
      homeLinkProps={HOME_LINK}
      accessibility="partially compliant"
      contentDescription={
        <>
          {MESSAGES.footerDescription}
          <br />
          {MESSAGES.footerSources}
          <br />
          {MESSAGES.confidentiality}
        </>
      }
      bottomItems={[
        { text: 'Données et méthodes', linkProps: { href: '?vue=donnees' } },
        headerFooterDisplayItem,
      ]}
      license={MESSAGES.footerLicence}
    />
  );
}
