/**
 * Builds a custom group: search territories by name or code, add them, name the group. The group
 * goes into the URL (`groupes`), so sharing the address shares the comparison.
 */
import { useId, useState, type JSX } from 'react';
import { TerritorySearch } from '../../components/TerritorySearch';
import { territoryLabel } from '../../format';
import type { CustomGroup, TerritoryRef } from '../../state/app-state';
import { sanitiseGroupName, URL_LIMITS, URL_QUERY_MAX } from '../../state/url';
import { GROUP_LEVELS } from '../../query';

interface Candidate extends TerritoryRef {
  readonly name: string;
}

export function GroupBuilder({
  groups,
  onChange,
}: {
  readonly groups: readonly CustomGroup[];
  /** Applies the groups; false when refused (the page's address would be too long). */
  readonly onChange: (groups: CustomGroup[]) => boolean;
}): JSX.Element {
  const id = useId();
  const [name, setName] = useState('');
  const [members, setMembers] = useState<Candidate[]>([]);
  const [message, setMessage] = useState<string | null>(null);
  const add = (c: Candidate): void => {
    if (members.some((m) => m.level === c.level && m.code === c.code)) return;
    if (members.length >= URL_LIMITS.groupMembers) {
      setMessage(`Un groupe compte au plus ${URL_LIMITS.groupMembers} territoires.`);
      return;
    }
    setMembers([...members, c]);
  };
  const create = (): void => {
    const clean = sanitiseGroupName(name);
    if (clean === '') return setMessage('Donnez un nom au groupe.');
    if (members.length === 0) return setMessage('Ajoutez au moins un territoire au groupe.');
    if (groups.length >= URL_LIMITS.groups)
      return setMessage(`Vous pouvez comparer au plus ${URL_LIMITS.groups} groupes.`);
    const applied = onChange([
      ...groups,
      { name: clean, members: members.map(({ level, code }) => ({ level, code })) },
    ]);
    if (!applied)
      return setMessage(
        `Ce groupe rendrait l’adresse de la page trop longue pour être partagée (plus de ${URL_QUERY_MAX} caractères, même compressée) : retirez des territoires ou un autre groupe.`,
      );
    setMembers([]);
    setName('');
    setMessage(`Groupe « ${clean} » ajouté à la comparaison et à l’adresse de la page.`);
  };
  return (
    <div className="observatoire-group-builder">
      <h3 className="fr-h6">Composer un groupe de territoires</h3>
      <p className="fr-text--sm">
        Les chiffres d’un groupe sont la somme de ceux de ses membres ; un territoire inclus dans un
        autre membre (une commune de son département) n’est compté qu’une fois.
      </p>
      <TerritorySearch
        label="Rechercher un territoire"
        hint="Nom, code Insee ou postal, EPCI, département, QPV"
        levels={GROUP_LEVELS}
        limit={20}
        onSelect={(ref, picked) => {
          const level = GROUP_LEVELS.find((l) => l === ref.level);
          if (level) add({ level, code: ref.code, name: picked.name });
        }}
      />
      {members.length > 0 && (
        <ul className="fr-tags-group" aria-label="Membres du groupe en préparation">
          {members.map((m) => (
            <li key={`${m.level}:${m.code}`}>
              <button
                type="button"
                className="fr-tag fr-tag--dismiss"
                aria-label={`Retirer ${territoryLabel(m)}`}
                onClick={() => setMembers(members.filter((x) => x !== m))}
              >
                {territoryLabel(m)}
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="fr-input-group">
        <label className="fr-label" htmlFor={`${id}-name`}>
          Nom du groupe
        </label>
        <input
          id={`${id}-name`}
          className="fr-input"
          type="text"
          maxLength={URL_LIMITS.groupName}
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
      </div>
      <button type="button" className="fr-btn fr-btn--sm" onClick={create}>
        Ajouter le groupe à la comparaison
      </button>
      <p aria-live="polite" className="fr-text--sm fr-mt-1w">
        {message}
      </p>
    </div>
  );
}
