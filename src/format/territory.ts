/** How a territory is named in French wherever a user reads it (tables, tooltips, legends). */
import { LEVEL_LABELS, type TerritoryRef } from '../catalogue';

export interface NamedTerritory extends TerritoryRef {
  readonly name?: string | null;
}

/**
 * Name with the code where the code helps tell places apart:
 * `Seine-Saint-Denis (93)`, `Saint-Denis (93066)`, `Île-de-France`, `Plaine Commune`,
 * `QPV Les Francs-Moisins (QN09307M)`. Without a name, falls back to `Département 93`.
 */
export function territoryLabel(t: NamedTerritory): string {
  if (t.level === 'france') return 'France';
  const name = t.name?.trim();
  if (!name) return `${LEVEL_LABELS[t.level]} ${t.code}`;
  switch (t.level) {
    case 'departement':
    case 'commune':
      return `${name} (${t.code})`;
    case 'qpv':
      return `${name.startsWith('QPV') ? '' : 'QPV '}${name} (${t.code})`;
    default:
      return name;
  }
}
