/**
 * « Données »: what the dashboard runs on. While the engine starts, its progress; then, for every
 * table of the manifest, its contract (label, grain, columns), its figures (rows counted by the
 * engine, size), its provenance and its first rows from a real query; how the published set was
 * protected and the reference files it stands on.
 */
import type { JSX, ReactNode } from 'react';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Accordion } from '@codegouvfr/react-dsfr/Accordion';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import {
  CODE_LISTS,
  LEVEL_LABELS,
  TABLES,
  type ColumnSpec,
  type DatasetManifest,
  type GeometryManifest,
  type TableManifest,
  type TableSpec,
} from '../catalogue';
import { useEngineStatus, useManifest, useQuery, useEngineBusy } from '../db';
import { ArrowTable } from '../components/ArrowTable';
import { BusyScope, useBusySignal } from '../components/BusyScope';
import { DataTable } from '../components/DataTable';
import { EngineProgress } from '../components/EngineProgress';
import { formatBytes, formatNumber } from '../format';
import { previewTable, tableRowCount } from '../query/table-preview';
import { SqlConsole } from './donnees/SqlConsole';
import { OwnDataLoader } from './donnees/OwnDataLoader';
import { PublicationSection, ReferencesSection } from './donnees/PublicationReport';

export function DonneesView(): JSX.Element {
  const status = useEngineStatus();
  const engineBusy = useEngineBusy();
  const manifest = useManifest();
  const ready = status.state === 'ready';
  return (
    <BusyScope
      className="fr-container fr-my-4w"
      busy={engineBusy}
      data-view="donnees"
      aria-labelledby="donnees-titre"
    >
      <h1 id="donnees-titre">Données</h1>
      <p className="fr-text--lead">
        Les tables de l’observatoire, chargées dans votre navigateur par un moteur SQL (DuckDB) :
        rien ne quitte votre poste. Chaque table suit le contrat des agrégats décrit ci-dessous.
      </p>
      <EngineProgress status={status} />
      {status.state === 'failed' && (
        <Alert
          severity="error"
          small
          description={`Les tables ne peuvent pas être interrogées : ${status.message}`}
        />
      )}
      {manifest && <DatasetSummary manifest={manifest} />}
      {manifest &&
        manifest.tables.map((t) => <TableSection key={t.name} table={t} ready={ready} />)}
      {manifest && manifest.geometry.length > 0 && <GeometryList geometry={manifest.geometry} />}
      {manifest?.publication && manifest.publication.length > 0 && (
        <PublicationSection reports={manifest.publication} />
      )}
      {manifest?.references && manifest.references.length > 0 && (
        <ReferencesSection references={manifest.references} />
      )}

      <section className="fr-mt-6w" aria-labelledby="donnees-explorer" id="explorer">
        <h2 id="donnees-explorer">Interroger et importer</h2>
        {/*
          RESEARCH HELPER — mount point. Add your imports at the top of this file and render here:
            <SqlConsole />
            <OwnDataLoader />
        */}
        <SqlConsole />
        <OwnDataLoader />
      </section>
    </BusyScope>
  );
}

function DatasetSummary({ manifest }: { readonly manifest: DatasetManifest }): JSX.Element {
  const rows = manifest.tables.reduce((s, t) => s + t.rows, 0);
  const bytes =
    manifest.tables.reduce((s, t) => s + t.bytes, 0) +
    manifest.geometry.reduce((s, g) => s + g.bytes, 0);
  return (
    <section aria-labelledby="donnees-jeu" className="fr-mb-4w">
      <h2 id="donnees-jeu">{manifest.title}</h2>
      {manifest.synthetic && (
        <Badge severity="warning" className="fr-mb-2w">
          Jeu synthétique
        </Badge>
      )}
      <ul>
        <li>
          {formatNumber(manifest.tables.length)} tables, {formatNumber(rows)} lignes,{' '}
          {formatBytes(bytes)} avec les géométries.
        </li>
        {manifest.seed !== null && (
          <li>
            Graine du générateur : <code>{manifest.seed}</code> ; facteur d’échelle :{' '}
            {formatNumber(manifest.scale)}.
          </li>
        )}
        {manifest.notes.map((n) => (
          <li key={n}>{n}</li>
        ))}
      </ul>
      <nav aria-labelledby="donnees-sommaire" className="fr-summary fr-mt-2w">
        <p className="fr-summary__title" id="donnees-sommaire">
          Tables du jeu de données
        </p>
        <ol className="fr-summary__list">
          {manifest.tables.map((t) => (
            <li key={t.name}>
              <a className="fr-summary__link" href={`#table-${t.name}`}>
                {TABLES[t.name]?.label ?? t.name}
              </a>
            </li>
          ))}
        </ol>
      </nav>
    </section>
  );
}

function TableSection({
  table,
  ready,
}: {
  readonly table: TableManifest;
  readonly ready: boolean;
}): JSX.Element {
  const spec: TableSpec | undefined = TABLES[table.name];
  const count = useQuery(ready ? tableRowCount(table.name) : null);
  const preview = useQuery(ready ? previewTable(table.name) : null);
  useBusySignal(!ready || count.loading || preview.loading);
  const counted = count.data?.getChild('rows')?.get(0);
  const rows = typeof counted === 'number' ? counted : null;
  const headingId = `table-${table.name}`;
  return (
    <section
      className="fr-mb-6w"
      aria-labelledby={headingId}
      data-table={table.name}
      data-row-count={rows ?? undefined}
    >
      <h2 id={headingId}>
        {spec?.label ?? table.name} <code className="fr-text--md">{table.name}</code>
      </h2>
      <ul className="fr-badges-group">
        <li>
          {table.synthetic ? (
            <Badge severity="warning" small>
              Données synthétiques
            </Badge>
          ) : (
            <Badge severity="success" small>
              Données de référence
            </Badge>
          )}
        </li>
      </ul>
      {spec && <p>{spec.description}</p>}
      <dl className="observatoire-facts">
        {spec && <Fact term="Une ligne">{spec.grain}</Fact>}
        <Fact term="Lignes">
          <span data-rows="">
            {rows !== null ? formatNumber(rows) : ready ? 'comptage…' : formatNumber(table.rows)}
          </span>
          {rows !== null && rows !== table.rows && (
            <> (le manifeste annonce {formatNumber(table.rows)})</>
          )}
        </Fact>
        <Fact term="Fichier">
          <code>{table.file}</code>, {formatBytes(table.bytes)}
        </Fact>
        {spec && <Fact term="Clé">{spec.key.join(', ')}</Fact>}
        <Fact term="Provenance">{table.provenance}</Fact>
        {spec && <Fact term="Secret statistique">{spec.suppression}</Fact>}
      </dl>
      {count.error && <QueryError message={count.error} />}
      {spec && (
        <Accordion label={`Colonnes (${spec.columns.length})`} titleAs="h3">
          <ColumnsTable spec={spec} />
        </Accordion>
      )}
      {preview.error && <QueryError message={preview.error} />}
      {preview.data ? (
        <ArrowTable
          table={preview.data}
          caption={`Premières lignes de la table « ${table.name} »`}
          columnLabel={(name) => <code>{name}</code>}
        />
      ) : (
        !preview.error && (
          <p className="fr-text--sm">{ready ? 'Requête en cours…' : 'En attente du moteur…'}</p>
        )
      )}
      <p className="fr-text--xs fr-mt-1w">
        Requête : <code>{previewTable(table.name)}</code>
      </p>
    </section>
  );
}

function Fact({
  term,
  children,
}: {
  readonly term: string;
  readonly children: ReactNode;
}): JSX.Element {
  return (
    <div className="fr-mb-1w">
      <dt className="fr-text--bold" style={{ display: 'inline' }}>
        {term} :{' '}
      </dt>
      <dd style={{ display: 'inline', margin: 0 }}>{children}</dd>
    </div>
  );
}

function QueryError({ message }: { readonly message: string }): JSX.Element {
  return <Alert severity="error" small description={`La requête a échoué : ${message}`} />;
}

function columnValues(c: ColumnSpec): string {
  const parts: string[] = [];
  if (c.codes) parts.push(`codes : ${CODE_LISTS[c.codes].join(', ')}`);
  if (c.references) parts.push(`code de ${LEVEL_LABELS[c.references].toLowerCase()}`);
  if (c.min !== undefined) parts.push(`≥ ${formatNumber(c.min)}`);
  parts.push(c.nullable ? 'peut être vide' : 'obligatoire');
  return parts.join(' ; ');
}

function ColumnsTable({ spec }: { readonly spec: TableSpec }): JSX.Element {
  return (
    <DataTable
      caption={`Colonnes de la table ${spec.name}`}
      variant="page"
      rowHeader
      empty="Aucune ligne."
      columns={[
        { header: 'Colonne', cell: (c) => <code>{c.name}</code> },
        { header: 'Type', cell: (c) => c.type },
        { header: 'Description', cell: (c) => c.description },
        { header: 'Unité', cell: (c) => c.unit ?? '—' },
        { header: 'Valeurs', cell: columnValues },
      ]}
      rows={spec.columns}
    />
  );
}

function GeometryList({
  geometry,
}: {
  readonly geometry: readonly GeometryManifest[];
}): JSX.Element {
  return (
    <section aria-labelledby="donnees-geo" className="fr-mb-4w">
      <h2 id="donnees-geo">Fonds de carte</h2>
      <DataTable
        caption="Géométries chargées par la carte"
        variant="page"
        rowHeader
        empty="Aucune ligne."
        columns={[
          { header: 'Niveau', cell: (g) => LEVEL_LABELS[g.level] },
          { header: 'Fichier', cell: (g) => <code>{g.file}</code> },
          { header: 'Territoires', numeric: true, cell: (g) => formatNumber(g.features) },
          { header: 'Taille', numeric: true, cell: (g) => formatBytes(g.bytes) },
          { header: 'Synthétique', cell: (g) => (g.synthetic ? 'oui' : 'non') },
        ]}
        rows={geometry}
      />
    </section>
  );
}
