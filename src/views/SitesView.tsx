/** Placeholder: the owner of this view replaces this file. */
import type { JSX } from 'react';

export function SitesView(): JSX.Element {
  return (
    <section aria-busy="false">
      <h1>Sites expérimentaux</h1>
      <p>Cette vue est en cours de construction.</p>
    </section>
  );
}
