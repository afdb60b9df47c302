/**
 * Builds a custom group: search territories by name or code, add them, name the group. The group
 * goes into the URL (`groupes`), so sharing the address shares the comparison.
 */
import { useEffect, useId, useState, type JSX } from 'react';
import { LEVEL_LABELS } from '../../catalogue';
import { useQuery } from '../../db';
import { territoryLabel } from '../../format';
import type { CustomGroup, TerritoryRef } from '../../state/app-state';
import { sanitiseGroupName, URL_LIMITS, URL_QUERY_MAX } from '../../state/url';
import { territorySearch } from '../../query';
import { GROUP_LEVELS } from './site-queries';

interface Candidate extends TerritoryRef {
  readonly name: string;
}

function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setV(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return v;
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
  const [text, setText] = useState('');
  const [name, setName] = useState('');
  const [members, setMembers] = useState<Candidate[]>([]);
  const [message, setMessage] = useState<string | null>(null);
  const q = useDebounced(text.trim(), 250);
  const search = useQuery(
    q.length >= 2 ? territorySearch(q, { levels: GROUP_LEVELS, limit: 20 }) : null,
  );
  const found: Candidate[] = [];
  const t = search.data;
  if (t && q.length >= 2) {
    const level = t.getChild('level');
    const code = t.getChild('code');
    const nm = t.getChild('name');
    for (let i = 0; i < t.numRows; i++) {
      const l = String(level?.get(i));
      const lv = GROUP_LEVELS.find((x) => x === l);
      if (lv) found.push({ level: lv, code: String(code?.get(i)), name: String(nm?.get(i)) });
    }
  }
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
    setText('');
    setMessage(`Groupe « ${clean} » ajouté à la comparaison et à l’adresse de la page.`);
  };
  return (
    <div className="observatoire-group-builder">
      <h3 className="fr-h6">Composer un groupe de territoires</h3>
      <p className="fr-text--sm">
        Les chiffres d’un groupe sont la somme de ceux de ses membres ; un territoire inclus dans un
        autre membre (une commune de son département) n’est compté qu’une fois.
      </p>
      <div className="fr-input-group">
        <label className="fr-label" htmlFor={`${id}-search`}>
          Rechercher un territoire (nom ou code)
        </label>
        <input
          id={`${id}-search`}
          className="fr-input"
          type="search"
          value={text}
          onChange={(e) => setText(e.target.value)}
          autoComplete="off"
        />
      </div>
      {search.error && <p className="fr-error-text">Recherche impossible : {search.error}</p>}
      {q.length >= 2 && t && (
        <ul className="observatoire-group-builder__results" aria-label="Résultats de la recherche">
          {found.length === 0 && <li>Aucun territoire ne correspond.</li>}
          {found.map((c) => (
            <li key={`${c.level}:${c.code}`}>
              <button
                type="button"
                className="fr-btn fr-btn--tertiary fr-btn--sm"
                onClick={() => add(c)}
              >
                Ajouter {territoryLabel(c)} — {LEVEL_LABELS[c.level]}
              </button>
            </li>
          ))}
        </ul>
      )}
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
