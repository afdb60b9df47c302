/**
 * What the manifest says about how the data set was made: the statistical confidentiality decided
 * at publication (cells, primary and secondary suppression per table and level, the final audit)
 * and the reference files the geography was built from, with their caveats.
 */
import type { JSX } from 'react';
import {
  CONFIDENTIALITY,
  LEVEL_LABELS,
  TABLES,
  type PublicationReport as Report,
  type ReferenceManifest,
  type TerritoryLevel,
} from '../../catalogue';
import { DataTable } from '../../components/DataTable';
import { formatNumber, formatPercent } from '../../format';

const LEVEL_ORDER: readonly TerritoryLevel[] = [
  'france',
  'region',
  'departement',
  'site',
  'epci',
  'commune',
  'qpv',
];

export function PublicationSection({
  reports,
}: {
  readonly reports: readonly Report[];
}): JSX.Element {
  return (
    <section className="fr-mt-6w" aria-labelledby="donnees-secret" id="secret">
      <h2 id="donnees-secret">Secret statistique</h2>
      <p>
        Le secret est décidé à la publication, avant que les fichiers ne soient écrits : les
        cellules sensibles (moins de {CONFIDENTIALITY.cases.minCount} réclamations ; moins de{' '}
        {CONFIDENTIALITY.non_recours.minDenominator} éligibles, ou moins de{' '}
        {CONFIDENTIALITY.non_recours.minCount} non-recourants ou bénéficiaires) sont masquées, puis
        d’autres cellules le sont à leur tour pour qu’aucune ne puisse être recalculée par
        différence — entre niveaux, parties de territoire, sites et ventilations, pour chaque année.
        Un audit d’algèbre linéaire exacte vérifie le résultat ; votre navigateur ne reçoit aucune
        valeur masquée.
      </p>
      {reports.map((r) => (
        <ReportTable key={r.table} report={r} />
      ))}
    </section>
  );
}

function ReportTable({ report }: { readonly report: Report }): JSX.Element {
  const label = TABLES[report.table].label;
  const rows = LEVEL_ORDER.flatMap((l) => {
    const s = report.levels[l];
    if (!s) return [];
    const hidden = s.primary + s.secondary;
    return [
      [
        LEVEL_LABELS[l],
        formatNumber(s.cells),
        formatNumber(s.primary),
        formatNumber(s.secondary),
        s.cells > 0 ? formatPercent((100 * hidden) / s.cells) : '—',
      ],
    ];
  });
  return (
    <div data-testid={`secret-${report.table}`}>
      <DataTable
        caption={
          <>
            {label} — {formatNumber(report.problems)} problèmes résolus (un par année
            {report.table === 'non_recours' ? ' et par prestation' : ''}) ;{' '}
            {report.disclosed === 0
              ? 'aucune cellule masquée recalculable à l’audit final'
              : `${formatNumber(report.disclosed)} cellules recalculables à l’audit final`}
            .
          </>
        }
        columns={[
          { header: 'Niveau', cell: (r) => r[0] },
          { header: 'Cellules non vides', numeric: true, cell: (r) => r[1] },
          { header: 'Secret primaire', numeric: true, cell: (r) => r[2] },
          { header: 'Secret secondaire', numeric: true, cell: (r) => r[3] },
          { header: 'Part masquée', numeric: true, cell: (r) => r[4] },
        ]}
        rows={rows}
        variant="page"
        rowHeader
        size="md"
        empty="Aucune ligne."
      />
    </div>
  );
}

export function ReferencesSection({
  references,
}: {
  readonly references: readonly ReferenceManifest[];
}): JSX.Element {
  return (
    <section className="fr-mt-6w" aria-labelledby="donnees-references" id="references">
      <h2 id="donnees-references">Référentiels</h2>
      <p>
        La géographie (communes, QPV, grille de densité, FRR, ZRR, France services) vient de
        fichiers publics, lus tels quels par le pipeline ; rien n’y est inventé.
      </p>
      <ul>
        {references.map((r) => (
          <li key={r.id} className="fr-mb-2w">
            <strong>{r.title}</strong> — {r.publisher}, {r.vintage}. Licence : {r.licence}.
            {r.caveats.length > 0 && (
              <ul>
                {r.caveats.map((c) => (
                  <li key={c}>{c}</li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
