/**
 * The SQL console of the Données view: read-only queries over the loaded tables, results as an
 * accessible table, DuckDB's errors as DuckDB gives them, and exports of the same query. The
 * loaded tables are the publication (or the user's own files): nothing the console can read is
 * secret, so its results and exports need no masking of their own.
 */
import { useEffect, useId, useRef, useState, type JSX } from 'react';
import type { Table } from 'apache-arrow';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Notice } from '@codegouvfr/react-dsfr/Notice';
import { startEngine, type Connector } from '../../db';
import { CONSOLE_EXAMPLES } from '../../query/console-examples';
import {
  CONSOLE_MAX_ROWS as MAX_ROWS,
  CONSOLE_TIME_LIMIT_MS,
  consoleExportConnector,
  runConsoleQuery,
} from '../../query/console';
import { ArrowTable } from '../../components/ArrowTable';
import { ExportMenu } from '../../export/ExportMenu';
import { formatNumber } from '../../format';

interface ConsoleResult {
  readonly table: Table;
  readonly total: number;
  /** The query the exports run. */
  readonly exportSql: string;
  readonly ms: number;
}

/** The exports of a result rerun its query on the console's read-only connection. */
const exportEngine = async (): Promise<Connector> => consoleExportConnector(await startEngine());

export function SqlConsole(): JSX.Element {
  const id = useId();
  const [sql, setSql] = useState(CONSOLE_EXAMPLES[0]?.sql ?? '');
  const [running, setRunning] = useState(false);
  /** DuckDB has started the query (tests wait for it before stopping it). */
  const [underWay, setUnderWay] = useState(false);
  const [result, setResult] = useState<ConsoleResult | null>(null);
  const [error, setError] = useState<{
    message: string;
    detail: string;
    stopped: boolean;
  } | null>(null);
  /** Completed runs, exposed for tests as `data-sql-runs`. */
  const [runs, setRuns] = useState(0);
  /** Stops the running query (« Arrêter », leaving the view). */
  const stop = useRef<AbortController | null>(null);
  useEffect(() => () => stop.current?.abort(), []);

  async function run(text: string): Promise<void> {
    if (stop.current) return;
    const controller = new AbortController();
    stop.current = controller;
    setRunning(true);
    setError(null);
    try {
      const connector = await startEngine();
      const outcome = await runConsoleQuery(connector, text, {
        signal: controller.signal,
        onUnderWay: () => setUnderWay(true),
      });
      if (outcome.ok) {
        setResult(outcome);
      } else {
        if (outcome.stopped) console.warn('[observatoire] console SQL arrêtée :', outcome.message);
        else console.warn('[observatoire] console SQL refusée :', outcome.detail);
        setResult(null);
        setError(outcome);
      }
    } catch (e) {
      const detail = e instanceof Error ? e.message : String(e);
      console.error('[observatoire] console SQL :', detail);
      setResult(null);
      setError({ message: 'DuckDB a renvoyé une erreur.', detail, stopped: false });
    } finally {
      stop.current = null;
      setRunning(false);
      setUnderWay(false);
      setRuns((n) => n + 1);
    }
  }

  return (
    <section aria-labelledby={`${id}-titre`} className="fr-mb-6w" data-sql-console="">
      <h3 id={`${id}-titre`}>Console SQL</h3>
      <p>
        Interrogez les tables chargées (<code>territories</code>, <code>populations</code>,{' '}
        <code>cases</code>, <code>non_recours</code>, <code>services</code>, <code>indicators</code>
        ) en SQL DuckDB. La console est en lecture seule : une seule requête <code>SELECT</code>,{' '}
        <code>WITH</code>, <code>DESCRIBE</code>, <code>SUMMARIZE</code> ou <code>SHOW</code> à la
        fois, sans accès aux fichiers ni au réseau. Une requête qui dure plus de{' '}
        {CONSOLE_TIME_LIMIT_MS / 1000} s est arrêtée ; le bouton « Arrêter » l’interrompt avant.
      </p>
      <Notice
        title="La console lit le jeu publié, déjà protégé par le secret statistique."
        description="Les cellules secrètes y ont des mesures vides (colonne « suppressed » vraie) : aucune requête ne peut en retrouver la valeur, puisqu’elle n’a jamais quitté le pipeline. Si vous avez chargé vos propres fichiers, ce sont les vôtres : la console les montre entiers."
      />
      <div className="fr-mt-2w">
        <p className="fr-text--sm fr-mb-1v">Exemples :</p>
        <ul className="fr-btns-group fr-btns-group--inline-md fr-btns-group--sm">
          {CONSOLE_EXAMPLES.map((ex) => (
            <li key={ex.label}>
              <button
                type="button"
                className="fr-btn fr-btn--tertiary fr-btn--sm"
                onClick={() => {
                  setSql(ex.sql);
                  void run(ex.sql);
                }}
              >
                {ex.label}
              </button>
            </li>
          ))}
        </ul>
      </div>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void run(sql);
        }}
      >
        <div className="fr-input-group">
          <label className="fr-label" htmlFor={`${id}-sql`}>
            Requête SQL
            <span className="fr-hint-text">Ctrl + Entrée pour exécuter.</span>
          </label>
          <textarea
            id={`${id}-sql`}
            className="fr-input"
            rows={8}
            spellCheck={false}
            style={{ fontFamily: 'monospace' }}
            value={sql}
            data-sql-input=""
            onChange={(e) => setSql(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
                e.preventDefault();
                void run(sql);
              }
            }}
          />
        </div>
        <ul className="fr-btns-group fr-btns-group--inline-md">
          <li>
            <button type="submit" className="fr-btn" disabled={running} data-sql-run="">
              {running ? 'Exécution…' : 'Exécuter'}
            </button>
          </li>
          {running && (
            <li>
              <button
                type="button"
                className="fr-btn fr-btn--secondary"
                onClick={() => stop.current?.abort()}
                data-sql-stop=""
              >
                Arrêter
              </button>
            </li>
          )}
        </ul>
      </form>
      <div
        aria-live="polite"
        className="fr-mt-3w"
        aria-busy={running}
        data-sql-runs={runs}
        data-sql-under-way={running && underWay ? '' : undefined}
      >
        {error && (
          <div data-sql-error="" data-sql-stopped={error.stopped ? '' : undefined}>
            <Alert
              severity={error.stopped ? 'warning' : 'error'}
              title={error.message}
              description={
                <span style={{ whiteSpace: 'pre-wrap', fontFamily: 'monospace' }}>
                  {error.detail || 'Aucun détail.'}
                </span>
              }
            />
          </div>
        )}
        {result && (
          <div data-sql-result="" data-row-count={result.total}>
            <div
              style={{
                display: 'flex',
                justifyContent: 'space-between',
                alignItems: 'flex-start',
                gap: '1rem',
              }}
            >
              <p className="fr-text--sm">
                {formatNumber(result.total)} ligne{result.total > 1 ? 's' : ''}
                {result.total > MAX_ROWS
                  ? ` (${formatNumber(MAX_ROWS)} premières affichées)`
                  : ''}{' '}
                · {formatNumber(Math.round(result.ms))} ms
              </p>
              <ExportMenu
                title="Résultat de la console SQL"
                subtitle="Requête libre sur le jeu publié"
                sql={result.exportSql}
                engine={exportEngine}
                fileStem={`console_sql-${new Date().toISOString().slice(0, 10)}`}
              />
            </div>
            <ArrowTable
              table={result.table}
              caption="Résultat de la requête"
              maxRows={MAX_ROWS}
              columnLabel={(n) => <code>{n}</code>}
            />
          </div>
        )}
      </div>
    </section>
  );
}
