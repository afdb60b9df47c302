/** Search box over `territories` (name or code, accents ignored) to add territories to compare. */
import { useEffect, useId, useState, type JSX } from 'react';
import { LEVEL_LABELS, type TerritoryLevel } from '../../catalogue';
import { useQuery } from '../../db';
import { formatNumber, territoryLabel } from '../../format';
import { territorySearch } from '../../query';
import type { TerritoryRef } from '../../state/app-state';

export function TerritorySearch(props: {
  readonly onAdd: (ref: TerritoryRef) => void;
  readonly disabled: boolean;
}): JSX.Element {
  const id = useId();
  const [text, setText] = useState('');
  const [debounced, setDebounced] = useState('');
  useEffect(() => {
    const t = window.setTimeout(() => setDebounced(text.trim()), 200);
    return () => window.clearTimeout(t);
  }, [text]);
  const q = useQuery(debounced.length >= 2 ? territorySearch(debounced, { limit: 12 }) : null);
  const rows = q.data && debounced.length >= 2 ? q.data : null;
  const items: { ref: TerritoryRef; label: string; population: number }[] = [];
  for (let i = 0; i < (rows?.numRows ?? 0); i++) {
    const level = String(rows?.getChild('level')?.get(i)) as TerritoryLevel;
    const code = String(rows?.getChild('code')?.get(i));
    const name = String(rows?.getChild('name')?.get(i));
    items.push({
      ref: { level, code },
      label: territoryLabel({ level, code, name }),
      population: Number(rows?.getChild('population')?.get(i) ?? 0),
    });
  }
  return (
    <div className="fr-search-bar observatoire-search" role="search">
      <label className="fr-label" htmlFor={id}>
        Ajouter un territoire
      </label>
      <input
        id={id}
        className="fr-input"
        type="search"
        placeholder="Nom ou code (ex. Vaulx-en-Velin, 93, 200054781)"
        value={text}
        disabled={props.disabled}
        autoComplete="off"
        onChange={(e) => setText(e.target.value)}
      />
      {debounced.length >= 2 && (
        <ul className="observatoire-search__results" aria-live="polite">
          {q.loading && items.length === 0 && <li>Recherche…</li>}
          {!q.loading && items.length === 0 && <li>Aucun territoire trouvé.</li>}
          {items.map((it) => (
            <li key={`${it.ref.level}:${it.ref.code}`}>
              <button
                type="button"
                className="fr-btn fr-btn--tertiary-no-outline fr-btn--sm"
                onClick={() => {
                  props.onAdd(it.ref);
                  setText('');
                }}
              >
                {it.label} — {LEVEL_LABELS[it.ref.level]}, {formatNumber(it.population)} hab.
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
