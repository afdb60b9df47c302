/**
 * « Vos données » : load a CSV or Parquet file of one of the contract's tables, in the browser
 * only (nothing is sent). The file is checked against the contract; a bad file gets precise
 * French messages and the data already loaded stay as they were.
 */
import { useId, useRef, useState, type DragEvent, type JSX } from 'react';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { RadioButtons } from '@codegouvfr/react-dsfr/RadioButtons';
import { TABLES } from '../../catalogue';
import {
  dataRoot,
  notifyDataChanged,
  ownFilesInUse,
  startEngine,
  useManifest,
  useTableProvenance,
} from '../../db';
import { formatNumber } from '../../format';
import {
  loadOwnFile,
  prepareOwnFile,
  type LoadOutcome,
  type LoadProgress,
  type PreparedFile,
} from '../../ingest/load-own';
import { restoreManifestTables } from '../../ingest/restore';
import { LOADABLE_TABLES, targetTable } from '../../ingest/detect';
import { templateCsv, templateNotice } from '../../ingest/template';
import { downloadText } from '../../export/download';
import type { DecimalSeparator } from '../../ingest/sniff';

const DELIMITER_WORDS: Readonly<Record<string, string>> = {
  ';': 'point-virgule',
  ',': 'virgule',
  '\t': 'tabulation',
};

type Phase =
  | { readonly step: 'idle' }
  | { readonly step: 'ask'; readonly file: PreparedFile }
  | {
      readonly step: 'loading';
      readonly name: string;
      readonly progress: LoadProgress | null;
      /** An own file (« Annuler » shown), not the demo data being restored. */
      readonly cancellable: boolean;
    }
  | { readonly step: 'cancelled'; readonly name: string }
  | { readonly step: 'done'; readonly name: string; readonly outcome: LoadOutcome }
  | { readonly step: 'restored' }
  | { readonly step: 'failed'; readonly message: string }
  | { readonly step: 'restore-failed'; readonly message: string };

export function OwnDataLoader(): JSX.Element {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const manifest = useManifest();
  const provenance = useTableProvenance();
  const ownFiles = ownFilesInUse(provenance);
  /** The tables an own file replaced: those the return to the demonstration reloads. */
  const ownTables = [...provenance].filter(([, p]) => p.ownFile !== null).map(([t]) => t);
  const [phase, setPhase] = useState<Phase>({ step: 'idle' });
  const [decimal, setDecimal] = useState<DecimalSeparator>(',');
  const [dragging, setDragging] = useState(false);
  /** Finished loads and restores, exposed for tests as `data-own-runs`. */
  const [runs, setRuns] = useState(0);
  /** Aborts the load in progress (« Annuler »). */
  const abort = useRef<AbortController | null>(null);
  const ownSource = manifest !== null && ownFiles.length > 0;
  const busy = phase.step === 'loading';

  async function load(file: PreparedFile, choice?: DecimalSeparator): Promise<void> {
    const controller = new AbortController();
    abort.current = controller;
    setPhase({ step: 'loading', name: file.name, progress: null, cancellable: true });
    try {
      const connector = await startEngine();
      const outcome = await loadOwnFile(connector, file, choice ? { decimal: choice } : {}, {
        signal: controller.signal,
        onProgress: (progress) => setPhase((p) => (p.step === 'loading' ? { ...p, progress } : p)),
      });
      if (outcome.ok)
        notifyDataChanged({ tables: [targetTable(outcome.table)], ownFile: file.name });
      else console.warn(`[observatoire] fichier « ${file.name} » refusé :\n${outcome.detail}`);
      setPhase(
        !outcome.ok && outcome.cancelled
          ? { step: 'cancelled', name: file.name }
          : { step: 'done', name: file.name, outcome },
      );
    } catch (e) {
      console.error('[observatoire] chargement du fichier', e);
      setPhase({ step: 'failed', message: e instanceof Error ? e.message : String(e) });
    } finally {
      abort.current = null;
      setRuns((n) => n + 1);
    }
  }

  async function accept(file: File): Promise<void> {
    // Only the first bytes are read here; DuckDB's worker reads the rest.
    const prepared = await prepareOwnFile(file.name, file);
    if (prepared.csv?.decimalAmbiguous) {
      setDecimal(prepared.csv.decimal);
      setPhase({ step: 'ask', file: prepared });
      setRuns((n) => n + 1);
    } else await load(prepared);
  }

  async function restore(): Promise<void> {
    if (!manifest) return;
    setPhase({ step: 'loading', name: manifest.title, progress: null, cancellable: false });
    try {
      const outcome = await restoreManifestTables(
        await startEngine(),
        manifest,
        dataRoot(),
        ownTables,
      );
      if (outcome.ok) {
        notifyDataChanged({ tables: outcome.tables, ownFile: null });
        setPhase({ step: 'restored' });
      } else {
        console.error('[observatoire] retour aux données de démonstration :', outcome.detail);
        setPhase({ step: 'restore-failed', message: outcome.message });
      }
    } catch (e) {
      console.error('[observatoire] retour aux données de démonstration', e);
      setPhase({ step: 'failed', message: e instanceof Error ? e.message : String(e) });
    } finally {
      setRuns((n) => n + 1);
    }
  }

  const onDrop = (e: DragEvent<HTMLDivElement>) => {
    e.preventDefault();
    setDragging(false);
    const file = e.dataTransfer.files[0];
    if (file && !busy) void accept(file);
  };

  return (
    <section aria-labelledby={`${id}-titre`} className="fr-mb-6w" data-own-data="">
      <h3 id={`${id}-titre`}>Vos données</h3>
      <p>
        Chargez un fichier CSV ou Parquet de l’une des tables du contrat (
        {(['cases', 'non_recours', 'services', 'territories'] as const).map((t, i) => (
          <span key={t}>
            {i > 0 && ', '}
            <code>{t}</code> — {TABLES[t].label.toLowerCase()}
          </span>
        ))}
        ). La table est reconnue à ses colonnes. Le fichier est lu et vérifié dans votre navigateur
        : il n’est envoyé nulle part. Les vues utilisent ensuite vos données, avec le nom du fichier
        comme source.
      </p>
      <details className="fr-mb-2w">
        <summary>Modèles de fichiers (CSV avec les colonnes attendues)</summary>
        <ul className="fr-btns-group fr-btns-group--inline-md fr-btns-group--sm fr-mt-1w">
          {LOADABLE_TABLES.map((t) => (
            <li key={t}>
              <button
                type="button"
                className="fr-btn fr-btn--tertiary fr-btn--sm fr-icon-download-line fr-btn--icon-left"
                title={templateNotice(t)}
                onClick={() => downloadText(templateCsv(t), `modele-${t}.csv`, 'text/csv')}
              >
                {t}
              </button>
            </li>
          ))}
        </ul>
      </details>
      <div
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
        className="fr-p-3w"
        style={{
          border: `2px dashed ${dragging ? 'var(--border-active-blue-france, #000091)' : 'var(--border-default-grey, #ddd)'}`,
          textAlign: 'center',
        }}
        data-own-dropzone=""
      >
        <div className="fr-upload-group">
          <label className="fr-label" htmlFor={`${id}-file`}>
            Déposez un fichier ici ou choisissez-le
            <span className="fr-hint-text">
              CSV (UTF-8, Latin-1 ou UTF-16, séparateur « ; » ou « , », virgule ou point décimal) ou
              Parquet.
            </span>
          </label>
          <input
            ref={input}
            id={`${id}-file`}
            className="fr-upload"
            type="file"
            accept=".csv,.txt,.tsv,.parquet,text/csv"
            disabled={busy}
            data-own-file-input=""
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file) void accept(file);
              e.target.value = '';
            }}
          />
        </div>
      </div>

      <div
        aria-live="polite"
        aria-busy={busy}
        className="fr-mt-2w"
        data-own-status={statusOf(phase)}
        data-own-runs={runs}
      >
        {phase.step === 'loading' && (
          <div data-own-progress="">
            <p className="fr-mb-1w">
              Lecture et vérification de « {phase.name} »
              {phase.progress ? ` : ${phase.progress.step}` : '…'}
            </p>
            <progress
              max={1}
              value={phase.progress?.fraction ?? 0}
              aria-label={`Chargement de « ${phase.name} »`}
              style={{ width: '100%' }}
            />
            {phase.cancellable && (
              <p className="fr-mt-1w">
                <button
                  type="button"
                  className="fr-btn fr-btn--secondary fr-btn--sm"
                  onClick={() => abort.current?.abort()}
                  data-own-cancel=""
                >
                  Annuler
                </button>
              </p>
            )}
          </div>
        )}
        {phase.step === 'cancelled' && (
          <Alert
            severity="info"
            small
            description={`Chargement de « ${phase.name} » annulé : les données déjà chargées sont conservées.`}
          />
        )}
        {phase.step === 'ask' && (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              void load(phase.file, decimal);
            }}
            data-own-ask=""
          >
            <RadioButtons
              legend={`« ${phase.file.name} » : quel est le séparateur décimal ?`}
              hintText={`Le fichier utilise le ${DELIMITER_WORDS[phase.file.csv?.delimiter ?? ';'] ?? ''} entre les colonnes ; ses nombres (par exemple 1.234) peuvent se lire de deux façons.`}
              options={[
                {
                  label: 'Virgule (12,5)',
                  nativeInputProps: {
                    value: ',',
                    checked: decimal === ',',
                    onChange: () => setDecimal(','),
                  },
                },
                {
                  label: 'Point (12.5)',
                  nativeInputProps: {
                    value: '.',
                    checked: decimal === '.',
                    onChange: () => setDecimal('.'),
                  },
                },
              ]}
            />
            <button type="submit" className="fr-btn fr-btn--sm">
              Charger le fichier
            </button>{' '}
            <button
              type="button"
              className="fr-btn fr-btn--sm fr-btn--secondary"
              onClick={() => setPhase({ step: 'idle' })}
            >
              Annuler
            </button>
          </form>
        )}
        {phase.step === 'done' && <OutcomeMessage name={phase.name} outcome={phase.outcome} />}
        {phase.step === 'restored' && (
          <Alert
            severity="success"
            small
            description="Les données de démonstration sont rechargées."
          />
        )}
        {phase.step === 'restore-failed' && (
          <Alert severity="error" small description={phase.message} />
        )}
        {phase.step === 'failed' && (
          <Alert
            severity="error"
            small
            description={`Le chargement a échoué ; les données précédentes sont conservées. ${phase.message}`}
          />
        )}
      </div>

      {ownSource && (
        <p className="fr-mt-2w">
          Source actuelle : {ownFiles.length > 1 ? 'fichiers' : 'fichier'}{' '}
          {ownFiles.map((f) => `« ${f} »`).join(', ')}.{' '}
          <button
            type="button"
            className="fr-btn fr-btn--secondary fr-btn--sm"
            disabled={busy}
            onClick={() => void restore()}
            data-own-restore=""
          >
            Revenir aux données de démonstration
          </button>
        </p>
      )}
    </section>
  );
}

function statusOf(phase: Phase): string {
  if (phase.step === 'done') return phase.outcome.ok ? 'ok' : 'error';
  return phase.step;
}

function OutcomeMessage({
  name,
  outcome,
}: {
  readonly name: string;
  readonly outcome: LoadOutcome;
}): JSX.Element {
  if (outcome.ok) {
    return (
      <Alert
        severity="success"
        title={`« ${name} » est chargé dans la table ${outcome.table}`}
        description={
          <>
            {formatNumber(outcome.rows)} lignes remplacent la table « {TABLES[outcome.table].label}{' '}
            ». Toutes les vues utilisent désormais ce fichier.
            {outcome.notes.map((n) => (
              <span key={n} style={{ display: 'block' }}>
                {n}
              </span>
            ))}
          </>
        }
      />
    );
  }
  return (
    <Alert
      severity="error"
      title={`« ${name} » n’a pas été chargé${outcome.table ? ` (table ${outcome.table})` : ''}`}
      description={
        <>
          <span style={{ display: 'block' }}>
            Les données déjà chargées sont conservées. À corriger :
          </span>
          <ul data-own-problems="">
            {outcome.problems.map((p) => (
              <li key={p.message}>{p.message}</li>
            ))}
          </ul>
        </>
      }
    />
  );
}
