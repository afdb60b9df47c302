/**
 * A table shown on demand under a chart: the DSFR tertiary button « Afficher … » / « Masquer … »
 * and the region it controls, whose content is rendered only while open.
 */
import { useId, useState, type JSX, type ReactNode } from 'react';

export function TableDisclosure({
  show,
  hide,
  children,
}: {
  /** The button's text while closed. */
  readonly show: string;
  /** The button's text while open. */
  readonly hide: string;
  readonly children: ReactNode;
}): JSX.Element {
  const [open, setOpen] = useState(false);
  const id = useId();
  return (
    <>
      <button
        type="button"
        className="fr-btn fr-btn--tertiary-no-outline fr-btn--sm fr-icon-table-line fr-btn--icon-left"
        aria-expanded={open}
        aria-controls={id}
        onClick={() => setOpen((o) => !o)}
      >
        {open ? hide : show}
      </button>
      <div id={id} hidden={!open}>
        {open && children}
      </div>
    </>
  );
}
