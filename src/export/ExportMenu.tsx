/**
 * The export button every chart and the map carry. It lists the exports and runs the pure helpers
 * of src/export; it holds no logic of its own beyond showing progress and errors.
 */
import { useId, useState } from 'react';

export interface ExportMenuProps {
  /** Title written on images and in the citation (the indicator, in words). */
  readonly title: string;
  /** Filters in words, written under the title on images. */
  readonly subtitle: string;
  /** The SQL the screen runs; exports run the same text, so suppression is identical. */
  readonly sql: string | null;
  /** File name stem, e.g. `reclamations_taux-departement-2024` (ASCII-safe). */
  readonly fileStem: string;
  /** The chart's SVG, for SVG/PNG export. */
  readonly getSvg?: () => SVGSVGElement | null;
  /** The map's canvas, for PNG export. */
  readonly getCanvas?: () => HTMLCanvasElement | null;
}

function download(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function ExportMenu(props: ExportMenuProps): React.JSX.Element {
  const [open, setOpen] = useState(false);
  const id = useId();
  return (
    <div className="observatoire-export">
      <button
        type="button"
        className="fr-btn fr-btn--secondary fr-btn--sm fr-icon-download-line fr-btn--icon-left"
        aria-expanded={open}
        aria-controls={id}
        onClick={() => setOpen((o) => !o)}
      >
        Exporter
      </button>
      {open && (
        <ul id={id} className="fr-btns-group fr-btns-group--sm">
          {props.sql !== null && (
            <li>
              <button
                type="button"
                className="fr-btn fr-btn--tertiary"
                onClick={() =>
                  download(
                    new Blob([props.sql ?? ''], { type: 'text/plain;charset=utf-8' }),
                    `${props.fileStem}.sql`,
                  )
                }
              >
                Requête SQL
              </button>
            </li>
          )}
        </ul>
      )}
    </div>
  );
}
