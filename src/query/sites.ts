/**
 * The queries of the Sites view and the report, by name: who the experimental sites are
 * (`siteMembersSql`, read by `readSiteMembers`), and which groups it compares: the chosen sites
 * (one published territory each, level `site`; their communes and QPV of both lists are listed
 * for reading) and the user's custom groups from the URL, which sum their members' published
 * cells. `queryGroups` gives them to `indicatorGroupSeries` (group-series.ts). Search and names
 * of custom groups' members use `territorySearch` and `territoryLookup`.
 */
import type { Table } from 'apache-arrow';
import { SITE_DEFINITIONS, SITES, type SiteId } from '../catalogue';
import type { Part, TerritoryLevel, TerritoryRef } from '../catalogue/schema';
import type { TerritoryGroup } from './group-series';

/** A user's group as the URL carries it (state's `CustomGroup`): a name and its territories. */
export interface CustomGroupDefinition {
  readonly name: string;
  readonly members: readonly TerritoryRef[];
}

/** Member communes and QPV of every experimental site, tagged by the pipeline (`site`). */
export function siteMembersSql(): string {
  return `SELECT site, level, code, name, population::DOUBLE AS population, commune_code, qpv_list
FROM territories
WHERE site IS NOT NULL AND level IN ('commune', 'qpv')
ORDER BY site, level, qpv_list NULLS FIRST, name`;
}

/** Levels a user may add to a custom group. */
export const GROUP_LEVELS: readonly TerritoryLevel[] = [
  'region',
  'departement',
  'epci',
  'commune',
  'qpv',
];

export interface GroupSpec {
  /** Site id, or `groupe-<n>` for the n-th custom group (1-based, URL order). */
  readonly id: string;
  readonly name: string;
  readonly kind: 'site' | 'custom';
  readonly description: string;
  /** What is read: the site itself, or a custom group's territories (summed). */
  readonly members: readonly TerritoryRef[];
  /** The site's QPV of both lists (for reading: they are parts of the site). */
  readonly qpv: readonly SiteQpv[];
  /** Names of the members, when known. */
  readonly memberNames: readonly string[];
}

export interface SiteQpv {
  readonly code: string;
  readonly name: string;
  /** The QPV list it belongs to ('2015' or '2024'). */
  readonly list: string | null;
}

export interface SiteMembers {
  readonly communes: Map<SiteId, { code: string; name: string }[]>;
  readonly qpv: Map<SiteId, SiteQpv[]>;
}

function isSite(v: string): v is SiteId {
  return (SITES as readonly string[]).includes(v);
}

/** Reads `siteMembersSql()`'s result. */
export function readSiteMembers(table: Table): SiteMembers {
  const communes = new Map<SiteId, { code: string; name: string }[]>();
  const qpv = new Map<SiteId, SiteQpv[]>();
  const site = table.getChild('site');
  const level = table.getChild('level');
  const code = table.getChild('code');
  const name = table.getChild('name');
  const qpvList = table.getChild('qpv_list');
  if (!site || !level || !code || !name) throw new Error('Composition des sites illisible');
  for (let i = 0; i < table.numRows; i++) {
    const s = String(site.get(i));
    if (!isSite(s)) continue;
    const row = { code: String(code.get(i)), name: String(name.get(i)) };
    if (String(level.get(i)) === 'qpv') {
      const list = qpv.get(s) ?? [];
      const l: unknown = qpvList?.get(i);
      list.push({ ...row, list: l === null || l === undefined ? null : String(l) });
      qpv.set(s, list);
    } else {
      const list = communes.get(s) ?? [];
      list.push(row);
      communes.set(s, list);
    }
  }
  return { communes, qpv };
}

export function customGroupId(index: number): string {
  return `groupe-${index + 1}`;
}

/**
 * The compared groups, sites first in the convention's order, then custom groups. A site with no
 * member commune in the dataset is kept (with no members) so the user sees it is empty.
 */
export function buildGroups(
  sites: readonly SiteId[],
  members: SiteMembers | null,
  custom: readonly CustomGroupDefinition[],
  names?: ReadonlyMap<string, string>,
): GroupSpec[] {
  const out: GroupSpec[] = [];
  for (const def of SITE_DEFINITIONS) {
    if (!sites.includes(def.id)) continue;
    const communes = members?.communes.get(def.id) ?? [];
    out.push({
      id: def.id,
      name: def.name,
      kind: 'site',
      description: def.description,
      // A site with no commune in the data set stays listed, empty, and is not queried.
      members: communes.length > 0 ? [{ level: 'site', code: def.id }] : [],
      qpv: members?.qpv.get(def.id) ?? [],
      memberNames: communes.map((c) => c.name),
    });
  }
  custom.forEach((g, i) => {
    out.push({
      id: customGroupId(i),
      name: g.name,
      kind: 'custom',
      description: 'Groupe de territoires défini par l’utilisateur.',
      members: g.members,
      qpv: [],
      memberNames: g.members.map(
        (m) => names?.get(`${m.level}:${m.code}`) ?? `${m.level}:${m.code}`,
      ),
    });
  });
  return out;
}

/** Groups ready for `indicatorGroupSeries` (groups without members are left out). */
export function queryGroups(groups: readonly GroupSpec[]): TerritoryGroup[] {
  return groups
    .filter((g) => g.members.length > 0)
    .map((g) => ({ id: g.id, name: g.name, members: g.members }));
}

/**
 * France's series for one territory type up to `toYear`, sliced out of `nationalValues`' result
 * (one row per type and year, ordered by type then year): the rows `indicatorSeries` gives for
 * France with that type over FIRST_YEAR–`toYear`, figure for figure (a test checks it). The
 * Sites view asks for the national figures once per indicator and filters, and reads France and
 * the comparable territories from them: a change of comparison year or of comparable type needs
 * no query. Zero-copy (`Table.slice`).
 */
export function nationalSeries(table: Table, part: Part, toYear: number): Table {
  const parts = table.getChild('part');
  const years = table.getChild('year');
  if (!parts || !years) throw new Error('Résultat national incomplet (part, year)');
  let start = -1;
  let end = -1;
  for (let i = 0; i < table.numRows; i++) {
    if (parts.get(i) !== part || Number(years.get(i)) > toYear) continue;
    if (start < 0) start = i;
    end = i + 1;
  }
  return start < 0 ? table.slice(0, 0) : table.slice(start, end);
}
