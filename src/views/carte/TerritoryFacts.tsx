/**
 * What the reference says of the selected territory, beside its figures: a commune's density
 * class (Insee's 7-level grid and its 4-level grouping), its FRR and ZRR classes; a QPV's list,
 * status against the 2015 list, predecessors or successors, communes and where it is drawn.
 */
import { useMemo, type JSX } from 'react';
import type { Table } from 'apache-arrow';
import {
  DENSITY_LEVEL_LABELS,
  FRR_LABELS,
  QPV_STATUS_LABELS,
  RURALITY_LABELS,
  SITE_LABELS,
  ZRR_LABELS,
  type TerritoryRef,
} from '../../catalogue';
import { useQuery } from '../../db';
import { territoryLookup } from '../../query';

/** The value of column `name` in row 0 of a lookup, or null. */
function cell(table: Table | null, name: string): string | null {
  const v: unknown = table?.getChild(name)?.get(0);
  return v === null || v === undefined || v === '' ? null : String(v);
}

const label = (labels: Readonly<Record<string, string>>, code: string | null): string | null =>
  code === null ? null : (labels[code] ?? code);

const codesOf = (text: string | null): string[] =>
  (text ?? '')
    .split(';')
    .map((c) => c.trim())
    .filter(Boolean);

export function TerritoryFacts({
  territory,
  lookup,
}: {
  readonly territory: TerritoryRef;
  readonly lookup: Table | null;
}): JSX.Element | null {
  const linked = useMemo(() => {
    if (territory.level !== 'qpv') return [];
    const codes = [
      ...codesOf(cell(lookup, 'predecessors')),
      ...codesOf(cell(lookup, 'successors')),
    ];
    return codes.map((code) => ({ level: 'qpv' as const, code }));
  }, [territory.level, lookup]);
  const names = useQuery(linked.length > 0 ? territoryLookup(linked) : null);
  if (!lookup || lookup.numRows === 0) return null;
  const nameOf = (code: string): string => {
    const t = names.data;
    for (let i = 0; i < (t?.numRows ?? 0); i++)
      if (String(t?.getChild('code')?.get(i)) === code)
        return `${code} ${String(t?.getChild('name')?.get(i))}`;
    return code;
  };
  const items: [string, string][] = [];
  if (territory.level === 'commune') {
    const density = label(DENSITY_LEVEL_LABELS, cell(lookup, 'density_level'));
    const rurality = label(RURALITY_LABELS, cell(lookup, 'rurality'));
    if (density)
      items.push(['Grille de densité (Insee)', `${density}${rurality ? ` — ${rurality}` : ''}`]);
    const frr = label(FRR_LABELS, cell(lookup, 'frr'));
    if (frr) items.push(['France Ruralités Revitalisation (juillet 2025)', frr]);
    const zrr = label(ZRR_LABELS, cell(lookup, 'zrr'));
    if (zrr) items.push(['Zone de revitalisation rurale (2017–2024)', zrr]);
  }
  if (territory.level === 'qpv') {
    const list = cell(lookup, 'qpv_list');
    const from = cell(lookup, 'valid_from');
    const to = cell(lookup, 'valid_to');
    items.push([
      'Liste',
      `Liste ${list ?? '?'} — en vigueur ${to ? `de ${from} à ${to}` : `depuis ${from}`}`,
    ]);
    const status = label(QPV_STATUS_LABELS, cell(lookup, 'qpv_status'));
    if (status) items.push(['Statut', status]);
    const predecessors = codesOf(cell(lookup, 'predecessors'));
    if (list === '2024')
      items.push([
        'Prédécesseurs (liste 2015)',
        predecessors.length > 0 ? predecessors.map(nameOf).join(' ; ') : 'aucun (nouveau quartier)',
      ]);
    const successors = codesOf(cell(lookup, 'successors'));
    if (list === '2015' && successors.length > 0)
      items.push(['Successeurs (liste 2024)', successors.map(nameOf).join(' ; ')]);
    const communes = codesOf(cell(lookup, 'communes'));
    if (communes.length > 1) items.push(['Communes', communes.join(', ')]);
    if (cell(lookup, 'position') === 'commune')
      items.push([
        'Position sur la carte',
        'celle de sa commune principale : les contours officiels des QPV ne sont pas dans ce jeu de données.',
      ]);
    if (cell(lookup, 'population_synthetic') === 'true')
      items.push([
        'Population',
        'estimation synthétique (la population par quartier n’est pas fournie).',
      ]);
  }
  const site = label(SITE_LABELS, cell(lookup, 'site'));
  if (site) items.push(['Site expérimental', site]);
  if (items.length === 0) return null;
  return (
    <dl className="observatoire-facts fr-text--sm" data-testid="territory-facts">
      {items.map(([k, v]) => (
        <div key={k}>
          <dt>{k}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
}
