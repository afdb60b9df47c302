/** The compared groups with their composition (member communes, QPV) and, for custom groups, a remove button. */
import type { JSX } from 'react';
import type { GroupSpec } from '../../query';

const SHOWN = 6;

/** « A, B, C… et 12 autres. » — long member lists would swamp the cards. */
function shortList(names: readonly string[]): string {
  if (names.length <= SHOWN) return `${names.join(', ')}.`;
  return `${names.slice(0, SHOWN).join(', ')}… et ${names.length - SHOWN} autres.`;
}

export function GroupList({
  groups,
  onRemove,
  print = false,
}: {
  readonly groups: readonly GroupSpec[];
  /** Removes the n-th custom group (0-based). */
  readonly onRemove?: (customIndex: number) => void;
  readonly print?: boolean;
}): JSX.Element {
  let customIndex = -1;
  return (
    <ul className="observatoire-group-list" aria-label="Sites et groupes comparés">
      {groups.map((g) => {
        if (g.kind === 'custom') customIndex++;
        const index = customIndex;
        return (
          <li key={g.id} data-group={g.id} className="observatoire-group-list__item">
            <p className="fr-mb-0">
              <strong>{g.name}</strong>
              {g.kind === 'custom' && (
                <span className="fr-badge fr-badge--sm fr-ml-1w">groupe personnalisé</span>
              )}
              {!print && g.kind === 'custom' && onRemove && (
                <button
                  type="button"
                  className="fr-btn fr-btn--tertiary-no-outline fr-btn--sm fr-ml-1w"
                  onClick={() => onRemove(index)}
                >
                  Retirer ce groupe
                </button>
              )}
            </p>
            <p className="fr-text--sm fr-mb-0">{g.description}</p>
            <p className="fr-text--sm fr-mb-0">
              {g.members.length === 0
                ? 'Aucun territoire membre dans les données chargées.'
                : `${g.kind === 'site' ? 'Communes' : 'Membres'} (${g.memberNames.length}) : ${shortList(g.memberNames)}`}
              {g.qpv.length > 0 &&
                ` QPV (${g.qpv.length}) : ${shortList(g.qpv.map((q) => q.name))}`}
            </p>
            {!print && g.memberNames.length + g.qpv.length > 2 * SHOWN && (
              <details className="fr-text--sm">
                <summary>Composition complète</summary>
                <p className="fr-text--sm fr-mb-0">
                  {g.kind === 'site' ? 'Communes' : 'Membres'} : {g.memberNames.join(', ')}.
                </p>
                {g.qpv.length > 0 && (
                  <p className="fr-text--sm fr-mb-0">
                    QPV : {g.qpv.map((q) => q.name).join(', ')}.
                  </p>
                )}
              </details>
            )}
          </li>
        );
      })}
    </ul>
  );
}
