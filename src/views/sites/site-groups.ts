/**
 * The groups the Sites view compares: the chosen experimental sites (members = their communes as
 * tagged in `territories.site`, plus their QPV listed for reading) and the user's custom groups
 * from the URL. A group's figures are the sum of its members' figures (indicatorGroupSeries).
 */
import type { Table } from 'apache-arrow';
import { SITE_DEFINITIONS, SITES, type SiteId } from '../../catalogue';
import type { CustomGroup, TerritoryRef } from '../../state/app-state';

export interface GroupSpec {
  /** Site id, or `groupe-<n>` for the n-th custom group (1-based, URL order). */
  readonly id: string;
  readonly name: string;
  readonly kind: 'site' | 'custom';
  readonly description: string;
  /** Units summed: communes for a site, any territories for a custom group. */
  readonly members: readonly TerritoryRef[];
  /** The site's QPV (not summed: they are parts of the member communes). */
  readonly qpv: readonly { readonly code: string; readonly name: string }[];
  /** Names of the members, when known. */
  readonly memberNames: readonly string[];
}

export interface SiteMembers {
  readonly communes: Map<SiteId, { code: string; name: string }[]>;
  readonly qpv: Map<SiteId, { code: string; name: string }[]>;
}

function isSite(v: string): v is SiteId {
  return (SITES as readonly string[]).includes(v);
}

/** Reads `siteMembersSql()`'s result. */
export function readSiteMembers(table: Table): SiteMembers {
  const communes = new Map<SiteId, { code: string; name: string }[]>();
  const qpv = new Map<SiteId, { code: string; name: string }[]>();
  const site = table.getChild('site');
  const level = table.getChild('level');
  const code = table.getChild('code');
  const name = table.getChild('name');
  if (!site || !level || !code || !name) throw new Error('Composition des sites illisible');
  for (let i = 0; i < table.numRows; i++) {
    const s = String(site.get(i));
    if (!isSite(s)) continue;
    const target = String(level.get(i)) === 'qpv' ? qpv : communes;
    const list = target.get(s) ?? [];
    list.push({ code: String(code.get(i)), name: String(name.get(i)) });
    target.set(s, list);
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
  custom: readonly CustomGroup[],
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
      members: communes.map((c) => ({ level: 'commune', code: c.code })),
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
export function queryGroups(
  groups: readonly GroupSpec[],
): { id: string; name: string; members: readonly TerritoryRef[] }[] {
  return groups
    .filter((g) => g.members.length > 0)
    .map((g) => ({ id: g.id, name: g.name, members: g.members }));
}
