/**
 * The one territory search box (Carte, Séries, Sites): a WAI-ARIA combobox with a listbox popup.
 * It finds a commune by name (accents optional), Insee code or postcode, an EPCI, a département,
 * a région, a QPV by name or code, a site; each option says its kind and parent.
 *
 * The DSFR markup (`fr-search-bar`, `fr-input`) is used without react-dsfr's `SearchBar`: its
 * button listens to Enter and Escape on the input, blurs and clears it, which breaks the combobox
 * keys (Enter picks the active option, Escape closes the list).
 */
import { useEffect, useId, useState, type JSX, type KeyboardEvent } from 'react';
import { LEVEL_LABELS, type TerritoryLevel } from '../catalogue';
import { holdWarmUp, useQuery } from '../db';
import { territoryLabel } from '../format';
import { codeKey, searchKey, territorySearch } from '../query';
import type { TerritoryRef } from '../state/app-state';
import { readSearchResults, type SearchResult } from './search-results';
import './territory-search.css';

const DEBOUNCE_MS = 200;

/** Text shorter than this (once normalised) is not searched, unless it is a code. */
const MIN_CHARS = 2;

export interface TerritorySearchProps {
  /** Visible label of the input. */
  readonly label: string;
  readonly hint?: string;
  readonly levels?: readonly TerritoryLevel[];
  readonly disabled?: boolean;
  readonly limit?: number;
  /** Called with the option picked; the input is emptied. */
  readonly onSelect: (ref: TerritoryRef, picked: SearchResult) => void;
}

function useDebounced(value: string, ms: number): string {
  const [v, setV] = useState(value);
  useEffect(() => {
    const t = window.setTimeout(() => setV(value), ms);
    return () => window.clearTimeout(t);
  }, [value, ms]);
  return v;
}

/** `Commune · Seine-Saint-Denis (93) · code postal 93300`. */
export function resultDetail(r: SearchResult, typed: string): string {
  const kind = r.level === 'qpv' && r.qpvList ? `QPV (liste ${r.qpvList})` : LEVEL_LABELS[r.level];
  const parts = [kind];
  if (r.parent && r.parent.level !== 'france') parts.push(territoryLabel(r.parent));
  const code = codeKey(typed);
  const postcode = code ? r.postcodes.find((p) => p.startsWith(code)) : undefined;
  if (postcode && r.code !== code) parts.push(`code postal ${postcode}`);
  return parts.join(' · ');
}

export function TerritorySearch(props: TerritorySearchProps): JSX.Element {
  const id = useId();
  const inputId = `${id}-input`;
  const listId = `${id}-list`;
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const typed = useDebounced(text.trim(), DEBOUNCE_MS);
  const searchable = searchKey(typed).length >= MIN_CHARS || codeKey(typed) !== null;
  const q = useQuery(
    searchable ? territorySearch(typed, { levels: props.levels, limit: props.limit ?? 12 }) : null,
  );
  const results = searchable && q.data ? readSearchResults(q.data) : [];
  const waiting = text.trim() !== typed || (searchable && q.loading);
  const expanded = open && searchable && !props.disabled;
  const optionId = (i: number): string => `${id}-option-${i}`;

  // A new list starts with no active option (the text stays the user's own).
  useEffect(() => setActive(-1), [q.data]);

  // While someone types here, background warm-up queries wait: the search goes first on the
  // engine (one worker), as a repaint does.
  const searching = open && text.trim() !== '';
  useEffect(() => (searching ? holdWarmUp() : undefined), [searching]);

  const pick = (r: SearchResult): void => {
    props.onSelect({ level: r.level, code: r.code }, r);
    setText('');
    setOpen(false);
    setActive(-1);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>): void => {
    const n = results.length;
    switch (e.key) {
      case 'ArrowDown':
        e.preventDefault();
        setOpen(true);
        if (n > 0) setActive((a) => (a + 1) % n);
        break;
      case 'ArrowUp':
        e.preventDefault();
        setOpen(true);
        if (n > 0) setActive((a) => (a <= 0 ? n - 1 : a - 1));
        break;
      case 'Enter': {
        const r = expanded ? results[active >= 0 ? active : 0] : undefined;
        if (r && !waiting) {
          e.preventDefault();
          pick(r);
        }
        break;
      }
      case 'Escape':
        e.preventDefault();
        if (expanded) {
          setOpen(false);
          setActive(-1);
        } else setText('');
        break;
      default:
        break;
    }
  };

  let status = '';
  if (searchable && !waiting)
    status = q.error
      ? `Recherche impossible : ${q.error}`
      : results.length === 0
        ? 'Aucun territoire trouvé.'
        : `${results.length} territoire${results.length > 1 ? 's' : ''} trouvé${results.length > 1 ? 's' : ''}, flèches haut et bas pour choisir.`;

  return (
    <div className="fr-input-group observatoire-search" role="search">
      <label className="fr-label" htmlFor={inputId}>
        {props.label}
        {props.hint && <span className="fr-hint-text">{props.hint}</span>}
      </label>
      <input
        id={inputId}
        className="fr-input"
        type="search"
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-activedescendant={expanded && active >= 0 ? optionId(active) : undefined}
        aria-busy={waiting}
        placeholder="Nom, code Insee, code postal, QPV…"
        value={text}
        disabled={props.disabled}
        autoComplete="off"
        spellCheck={false}
        onChange={(e) => {
          setText(e.target.value);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={onKeyDown}
      />
      <ul
        id={listId}
        role="listbox"
        aria-label={`${props.label} : résultats`}
        className="observatoire-search__results"
        hidden={!expanded || results.length === 0}
      >
        {results.map((r, i) => (
          <li
            key={`${r.level}:${r.code}`}
            id={optionId(i)}
            role="option"
            aria-selected={i === active}
            className={i === active ? 'observatoire-search__option--active' : undefined}
            // Keeps the focus in the input, so the list is still there when the click lands.
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => pick(r)}
          >
            <span className="observatoire-search__name">{r.name}</span>
            <span className="observatoire-search__detail">{resultDetail(r, typed)}</span>
          </li>
        ))}
      </ul>
      <p className="fr-sr-only" aria-live="polite" aria-atomic="true">
        {open ? status : ''}
      </p>
      {expanded && status && results.length === 0 && (
        <p className="fr-text--xs fr-mb-0 observatoire-search__empty">{status}</p>
      )}
    </div>
  );
}
