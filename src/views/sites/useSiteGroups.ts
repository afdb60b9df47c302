/**
 * The groups compared on the Sites view and in the report: the chosen sites resolved from
 * `territories.site`, then the custom groups of the URL with their members' names.
 */
import { useMemo } from 'react';
import type { SiteId } from '../../catalogue';
import { useQuery } from '../../db';
import type { CustomGroup } from '../../state/app-state';
import {
  buildGroups,
  readSiteMembers,
  siteMembersSql,
  territoryLookup,
  type GroupSpec,
} from '../../query';

export function useSiteGroups(
  sites: readonly SiteId[],
  custom: readonly CustomGroup[],
): { groups: GroupSpec[]; loading: boolean; error: string | null } {
  const members = useQuery(siteMembersSql());
  // The URL is parsed again on every change (an indicator, a year): the groups keep their
  // identity while their content is the same, so the tables and charts built from them do not
  // redraw.
  const sitesKey = sites.join(',');
  const customKey = JSON.stringify(custom);
  const chosen = useMemo(
    () => sitesKey.split(',').filter((s): s is SiteId => s !== ''),
    [sitesKey],
  );
  const groupsOf = useMemo(() => JSON.parse(customKey) as CustomGroup[], [customKey]);
  const refs = useMemo(() => groupsOf.flatMap((g) => g.members), [groupsOf]);
  const names = useQuery(refs.length > 0 ? territoryLookup(refs) : null);
  const groups = useMemo(() => {
    const parsed = members.data ? readSiteMembers(members.data) : null;
    const nameMap = new Map<string, string>();
    const t = names.data;
    if (t) {
      const level = t.getChild('level');
      const code = t.getChild('code');
      const name = t.getChild('name');
      for (let i = 0; i < t.numRows; i++)
        nameMap.set(`${String(level?.get(i))}:${String(code?.get(i))}`, String(name?.get(i)));
    }
    return buildGroups(chosen, parsed, groupsOf, nameMap);
  }, [members.data, names.data, chosen, groupsOf]);
  return {
    groups,
    loading: members.loading || names.loading,
    error: members.error ?? names.error,
  };
}
