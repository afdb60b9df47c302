/**
 * The export button every chart and the map carry. A DSFR disclosure listing the exports; each
 * item calls the pure helpers of src/export with the screen's own SQL, so the files hold what the
 * screen shows, suppression included. The component only shows progress, errors and the text of
 * the permalink and citation.
 */
import { useEffect, useId, useRef, useState, type JSX } from 'react';
import {
  INDICATORS,
  LEVEL_LABELS_PLURAL,
  SYNTHETIC_NOTE,
  TERRITORY_LEVELS,
  type TerritoryLevel,
} from '../catalogue';
import {
  provenanceOf,
  startEngine,
  tablesReadBy,
  useManifest,
  useProvenance,
  useTableProvenance,
  type Connector,
  type Provenance,
} from '../db';
import { currentHref } from '../state/useAppState';
import { fileName, parseFileStem } from './file-name';
import { iframeSnippet } from './embed';
import { citation, provenanceMeta, type ExportMeta } from './meta';
import { composeSvg, serialiseSvg, type LegendItem } from './svg';
import { composeMapPng, svgToPng } from './png';
import {
  exportCsvText,
  exportMetadataText,
  exportParquetBytes,
  exportSqlText,
  exportXlsxBlob,
} from './run-export';
import { writeParquetWithMetadata } from './parquet-writer';
import { copyText, downloadBlob, downloadBytes, downloadText } from './download';

export interface ExportMenuProps {
  /** Title written on images and in the citation (the indicator, in words). */
  readonly title: string;
  /** Filters in words, written under the title on images. */
  readonly subtitle: string;
  /** The SQL the screen runs; exports run the same text, so suppression is identical. */
  readonly sql: string | null;
  /** File name stem, e.g. `reclamations_taux-departement-2024` (made ASCII-safe here). */
  readonly fileStem: string;
  /** The chart's SVG, for SVG/PNG export. */
  readonly getSvg?: () => SVGSVGElement | null;
  /** The map's canvas, for PNG export. */
  readonly getCanvas?: () => HTMLCanvasElement | null;
  /**
   * The map drawn as vectors (« Carte (SVG) »): resolves to the map's SVG, which is framed like a
   * chart's. The caller loads the drawing code on demand.
   */
  readonly getMapSvg?: () => Promise<SVGSVGElement>;
  /** Level and period in words, for the citation (« Départements », « 2024 »). */
  readonly level?: string;
  readonly period?: string;
  /** Legend drawn on images (the map's classes). */
  readonly legend?: readonly LegendItem[];
  /** Source and vintage; by default those of the indicator named by the stem's first part. */
  readonly source?: string;
  readonly vintage?: string;
  /**
   * The engine the data exports run on; by default the app's (`startEngine`). The SQL console
   * passes its read-only connection, so exporting its result never holds the views up.
   */
  readonly engine?: () => Promise<Connector>;
}

type Action =
  'svg' | 'map-svg' | 'png' | 'csv-fr' | 'csv-intl' | 'xlsx' | 'parquet' | 'sql' | 'meta';

/** The « Partager » entries: what is copied, and the button's text. */
const SHARES: readonly (readonly ['permalink' | 'citation' | 'embed', string])[] = [
  ['permalink', 'Copier le permalien'],
  ['citation', 'Copier la citation'],
  ['embed', 'Intégrer'],
];

const LABELS: Readonly<Record<Action, string>> = {
  svg: 'Image SVG',
  'map-svg': 'Carte (SVG)',
  png: 'Image PNG',
  'csv-fr': 'CSV pour tableur français (; et virgule décimale)',
  'csv-intl': 'CSV international (, et point décimal)',
  xlsx: 'Classeur tableur (.xlsx, avec métadonnées)',
  parquet: 'Parquet',
  sql: 'Requête SQL',
  meta: 'Fiche de métadonnées (.txt)',
};

/**
 * The export's metadata. Its provenance (sources, synthetic mark) comes from the tables the SQL
 * reads (`provenance`), not from the last file loaded: a claims map read from the demo's cases
 * is synthetic even after an own services file. Without SQL or before its plan is known, the
 * dataset's, synthetic as the manifest says.
 */
function useExportMeta(props: ExportMenuProps): (provenance: Provenance | null) => ExportMeta {
  const manifest = useManifest();
  return (provenance) => {
    const parsed = parseFileStem(props.fileStem, TERRITORY_LEVELS);
    const indicator = INDICATORS.find((i) => i.id === parsed.indicator);
    const level =
      props.level ??
      (parsed.level ? LEVEL_LABELS_PLURAL[parsed.level as TerritoryLevel] : undefined);
    return {
      title: props.title,
      subtitle: props.subtitle,
      level,
      period: props.period ?? parsed.period,
      source: props.source ?? indicator?.source ?? manifest?.title ?? 'Observatoire',
      vintage: props.vintage ?? indicator?.vintage,
      definition: indicator?.definition,
      ...provenanceMeta(provenance, manifest?.synthetic ?? true),
      date: new Date(),
      url: currentHref(),
    };
  };
}

export function ExportMenu(props: ExportMenuProps): JSX.Element {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState<Action | null>(null);
  const [status, setStatus] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [shown, setShown] = useState<{ label: string; text: string } | null>(null);
  const id = useId();
  const root = useRef<HTMLDivElement>(null);
  const buildMeta = useExportMeta(props);
  const { sql, getSvg, getCanvas, getMapSvg } = props;
  const shownProvenance = useProvenance(sql);
  const tables = useTableProvenance();
  const meta = (): ExportMeta => buildMeta(shownProvenance);
  /** The provenance of `sql` now: its plan (known once shown, else asked), the tables' now. */
  const exactMeta = async (): Promise<ExportMeta> =>
    buildMeta(sql ? (shownProvenance ?? provenanceOf(tables, await tablesReadBy(sql))) : null);

  useEffect(() => {
    if (!open) return undefined;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') setOpen(false);
    };
    // A click elsewhere closes the menu, as a DSFR disclosure would.
    const onPointer = (e: PointerEvent) => {
      if (root.current && e.target instanceof Node && !root.current.contains(e.target))
        setOpen(false);
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('pointerdown', onPointer);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('pointerdown', onPointer);
    };
  }, [open]);

  const name = (ext: string) => fileName(props.fileStem, ext);

  async function run(action: Action): Promise<void> {
    setBusy(action);
    setStatus(null);
    try {
      const m = await exactMeta();
      if (action === 'map-svg') {
        if (!getMapSvg) throw new Error('La carte n’est pas encore affichée.');
        // The vector map carries the screen's legend (hatched secret swatch, circle sizes).
        const figure = composeSvg(await getMapSvg(), m);
        downloadText(serialiseSvg(figure), name('svg'), 'image/svg+xml');
      } else if (action === 'svg' || (action === 'png' && getSvg)) {
        const chart = getSvg?.();
        if (!chart) throw new Error('Le graphique n’est pas encore affiché.');
        const figure = composeSvg(chart, { ...m, legend: props.legend });
        const text = serialiseSvg(figure);
        if (action === 'svg') downloadText(text, name('svg'), 'image/svg+xml');
        else {
          const w = Number(figure.getAttribute('width'));
          const h = Number(figure.getAttribute('height'));
          downloadBlob(await svgToPng(text, w, h, 2), name('png'));
        }
      } else if (action === 'png') {
        const canvas = getCanvas?.();
        if (!canvas) throw new Error('La carte n’est pas encore affichée.');
        downloadBlob(await composeMapPng(canvas, { ...m, legend: props.legend }), name('png'));
      } else {
        if (!sql) throw new Error('Les données ne sont pas encore prêtes.');
        const connector = await (props.engine ?? startEngine)();
        if (action === 'csv-fr' || action === 'csv-intl') {
          const text = await exportCsvText(connector, sql, action === 'csv-fr' ? 'fr' : 'intl');
          downloadText(text, name('csv'), 'text/csv');
        } else if (action === 'xlsx') {
          // The writer and its library load only now.
          const { writeXlsx } = await import('./xlsx-writer');
          downloadBlob(await exportXlsxBlob(connector, sql, m, writeXlsx), name('xlsx'));
        } else if (action === 'parquet') {
          const bytes = await exportParquetBytes(connector, sql, m, writeParquetWithMetadata);
          downloadBytes(bytes, name('parquet'), 'application/vnd.apache.parquet');
        } else if (action === 'sql') {
          downloadText(exportSqlText(sql, m), name('sql'), 'application/sql');
        } else {
          downloadText(
            await exportMetadataText(connector, sql, m),
            `${name('txt').slice(0, -4)}-metadonnees.txt`,
            'text/plain',
          );
        }
      }
      setStatus({ kind: 'ok', text: `${LABELS[action]} : fichier enregistré.` });
    } catch (e) {
      const text = e instanceof Error ? e.message : String(e);
      console.error('[observatoire] export', action, e);
      setStatus({ kind: 'error', text: `${LABELS[action]} : l’export a échoué (${text}).` });
    } finally {
      setBusy(null);
    }
  }

  async function share(kind: 'permalink' | 'citation' | 'embed'): Promise<void> {
    const m = await exactMeta();
    const text =
      kind === 'permalink'
        ? m.url
        : kind === 'embed'
          ? iframeSnippet(m.url, { title: m.title, height: getCanvas ? 760 : 560 })
          : citation(m);
    const label =
      kind === 'permalink'
        ? 'Permalien'
        : kind === 'embed'
          ? 'Code d’intégration (iframe)'
          : 'Citation';
    setShown({ label, text });
    const copied = await copyText(text);
    setStatus({
      kind: 'ok',
      text: copied
        ? `${label} copié dans le presse-papiers.`
        : `${label} affiché ci-dessous : sélectionnez-le pour le copier.`,
    });
  }

  const images: Action[] = getSvg
    ? ['svg', 'png']
    : [...(getMapSvg ? (['map-svg'] as const) : []), ...(getCanvas ? (['png'] as const) : [])];
  const data: Action[] = sql ? ['csv-fr', 'csv-intl', 'xlsx', 'parquet', 'sql', 'meta'] : [];
  const item = (action: Action) => (
    <li key={action}>
      <button
        type="button"
        className="fr-btn fr-btn--tertiary-no-outline fr-btn--sm"
        data-export={action}
        disabled={busy !== null}
        aria-busy={busy === action}
        onClick={() => void run(action)}
      >
        {LABELS[action]}
      </button>
    </li>
  );

  return (
    <div className="observatoire-export" ref={root} style={{ position: 'relative' }}>
      <button
        type="button"
        className="fr-btn fr-btn--secondary fr-btn--sm fr-icon-download-line fr-btn--icon-left"
        aria-expanded={open}
        aria-controls={id}
        data-export-menu=""
        onClick={() => setOpen((o) => !o)}
      >
        Exporter
      </button>
      <div
        id={id}
        hidden={!open}
        className="fr-p-2w fr-mt-1w"
        style={{
          background: 'var(--background-default-grey, #fff)',
          boxShadow: '0 2px 8px rgba(0,0,0,.2)',
          position: 'absolute',
          zIndex: 1000,
          right: 0,
          minWidth: '20rem',
        }}
      >
        {images.length > 0 && (
          <>
            <p className="fr-text--sm fr-text--bold fr-mb-1v">Image</p>
            <ul className="fr-raw-list fr-mb-2v">{images.map(item)}</ul>
          </>
        )}
        {data.length > 0 && (
          <>
            <p className="fr-text--sm fr-text--bold fr-mb-1v">Données</p>
            <ul className="fr-raw-list fr-mb-2v">{data.map(item)}</ul>
          </>
        )}
        <p className="fr-text--sm fr-text--bold fr-mb-1v">Partager</p>
        <ul className="fr-raw-list">
          {SHARES.map(([kind, text]) => (
            <li key={kind}>
              <button
                type="button"
                className="fr-btn fr-btn--tertiary-no-outline fr-btn--sm"
                data-export={kind}
                onClick={() => void share(kind)}
              >
                {text}
              </button>
            </li>
          ))}
        </ul>
        {shown && (
          <div className="fr-input-group fr-mt-1w">
            <label className="fr-label" htmlFor={`${id}-shown`}>
              {shown.label}
            </label>
            <textarea
              id={`${id}-shown`}
              className="fr-input"
              readOnly
              rows={3}
              value={shown.text}
              data-export-text=""
              onFocus={(e) => e.currentTarget.select()}
            />
          </div>
        )}
        <p className="fr-text--xs fr-mt-1w fr-mb-0">
          Les exports reprennent exactement la requête affichée : le secret statistique (effectifs
          de 1 à 4 masqués, secret secondaire) s’y applique.{' '}
          {meta().synthetic ? SYNTHETIC_NOTE : ''}
        </p>
        <p
          role="status"
          aria-live="polite"
          className={`fr-text--sm fr-mb-0 ${status?.kind === 'error' ? 'fr-error-text' : ''}`}
          data-export-status={status?.kind ?? ''}
        >
          {busy ? `${LABELS[busy]} : préparation…` : (status?.text ?? '')}
        </p>
      </div>
    </div>
  );
}
