/**
 * Territory search: one query for every search box (Carte, Séries, Sites). Matches a commune name
 * with or without accents, an Insee code, a postcode, an EPCI SIREN, a département or région code,
 * a QPV name or code; each row carries its kind and its parent, best matches first.
 */
import { TERRITORY_LEVELS, type TerritoryLevel } from '../catalogue/schema';
import { sqlInteger, sqlString } from './sql';

/** Words written short in place names, read as their full form on both sides of the match. */
const SHORT_WORDS: Readonly<Record<string, string>> = { st: 'saint', ste: 'sainte' };

/**
 * The comparable form of a name or of typed text: no accents (NFD, combining marks dropped),
 * lower case, `œ`/`æ` spelt out, every run of other characters (`-`, `'`, `’`, spaces, `;`…)
 * one space, `St`/`Ste` read as `saint`/`sainte`.
 */
export function searchKey(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replaceAll('œ', 'oe')
    .replaceAll('æ', 'ae')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .map((w) => SHORT_WORDS[w] ?? w)
    .join(' ');
}

/**
 * The typed text as a code (Insee, postcode, SIREN, QPV, département such as `2A`): upper case,
 * spaces and dots removed; null when it cannot be one.
 */
export function codeKey(text: string): string | null {
  const c = text.toUpperCase().replace(/[\s.]/g, '');
  return /^[0-9A-Z]{2,12}$/.test(c) && /[0-9]/.test(c) ? c : null;
}

/** Lower case, no accents, `œ`/`æ` spelt out: cheap, run on every name before the filter. */
function sqlLoose(e: string): string {
  return `replace(replace(strip_accents(lower(${e})), 'œ', 'oe'), 'æ', 'ae')`;
}

/**
 * The rest of `searchKey` on a `sqlLoose` value: runs of other characters as one space, St/Ste
 * read as Saint/Sainte (RE2: `\b` is a word boundary). Run only on the rows the filter kept.
 */
function sqlKey(loose: string): string {
  const k = `trim(regexp_replace(${loose}, '[^a-z0-9]+', ' ', 'g'))`;
  return `CASE WHEN contains(${loose}, 'st') THEN regexp_replace(${k}, '\\bst(e?)\\b', 'saint\\1', 'g') ELSE ${k} END`;
}

/**
 * A cheap test that keeps every name whose key can contain `key`: each of its words appears in
 * the loose name (Saint/Sainte also as St/Ste).
 */
function wordsIn(loose: string, key: string): string {
  const words = key.split(' ').filter((w) => w !== '');
  if (words.length === 0) return 'FALSE';
  return words
    .map((w) => {
      const short = w === 'saint' ? 'st' : w === 'sainte' ? 'ste' : null;
      const has = `contains(${loose}, ${sqlString(w)})`;
      return short ? `(${has} OR contains(${loose}, ${sqlString(short)}))` : has;
    })
    .join(' AND ');
}

/** The level whose row is the parent named beside a result, and the column holding its code. */
const PARENT: Readonly<Partial<Record<TerritoryLevel, readonly [TerritoryLevel, string]>>> = {
  region: ['france', "'FR'"],
  departement: ['region', 'region_code'],
  epci: ['departement', 'departement_code'],
  commune: ['departement', 'departement_code'],
  qpv: ['commune', 'commune_code'],
  site: ['departement', 'departement_code'],
};

const LEVEL_RANK = `array_position([${TERRITORY_LEVELS.map(sqlString).join(', ')}], m.level)`;

/** Columns of a search result (besides the territory's own, see `territorySearch`). */
export const SEARCH_COLUMNS = [
  'level',
  'code',
  'name',
  'postcodes',
  'population',
  'qpv_list',
  'departement_code',
  'lon',
  'lat',
  'parent_level',
  'parent_code',
  'parent_name',
  'match',
] as const;

/**
 * Territories matching `text`, best first: exact code, exact postcode, exact name, name prefix,
 * word prefix, code prefix, postcode prefix, then names containing the text; ties by the newer QPV
 * list, the larger population, then name and code. `match` (0–7) says which rule matched.
 * Text that is neither a name nor a code gives no row.
 */
export function territorySearch(
  text: string,
  opts: { levels?: readonly TerritoryLevel[]; limit?: number } = {},
): string {
  const key = searchKey(text);
  const code = codeKey(text);
  const limit = sqlInteger(opts.limit ?? 20);
  const levels =
    opts.levels && opts.levels.length > 0
      ? `AND level IN (${opts.levels.map(sqlString).join(', ')})`
      : '';
  const k = sqlString(key);
  const c = code === null ? 'NULL' : sqlString(code);
  const parentLevel = Object.entries(PARENT)
    .map(([l, [p]]) => `WHEN ${sqlString(l)} THEN ${sqlString(p)}`)
    .join(' ');
  const parentCode = Object.entries(PARENT)
    .map(([l, [, col]]) => `WHEN ${sqlString(l)} THEN ${col}`)
    .join(' ');
  // Postcodes are matched as whole items of the `;` list, or as their prefix.
  const postcodes = `(';' || coalesce(t.postcodes, ''))`;
  const order = `m.match, coalesce(m.valid_to, 9999) DESC, m.population DESC NULLS LAST, ${LEVEL_RANK}, m.name, m.code`;
  const codeFilter =
    code === null
      ? ''
      : ` OR starts_with(code, ${c}) OR contains(';' || coalesce(postcodes, ''), ';' || ${c})`;
  return `WITH t0 AS (
  SELECT level, code, name, postcodes, qpv_list, departement_code, lon, lat, valid_to,
    population, region_code, commune_code, ${sqlLoose('name')} AS loose
  FROM territories WHERE TRUE ${levels}
), t AS MATERIALIZED (
  SELECT level, code, name, postcodes, CAST(population AS DOUBLE) AS population, qpv_list,
    departement_code, lon, lat, CAST(valid_to AS INTEGER) AS valid_to, ${sqlKey('loose')} AS key,
    CASE level ${parentLevel} END AS parent_level,
    CASE level ${parentCode} END AS parent_code
  FROM t0 WHERE (${wordsIn('loose', key)})${codeFilter}
), m AS (
  SELECT t.*, CASE
    WHEN t.code = ${c} THEN 0
    WHEN ${c} IS NOT NULL AND contains(${postcodes} || ';', ';' || ${c} || ';') THEN 1
    WHEN ${k} <> '' AND t.key = ${k} THEN 2
    WHEN ${k} <> '' AND starts_with(t.key, ${k}) THEN 3
    WHEN ${k} <> '' AND contains(' ' || t.key, ' ' || ${k}) THEN 4
    WHEN ${c} IS NOT NULL AND starts_with(t.code, ${c}) THEN 5
    WHEN ${c} IS NOT NULL AND contains(${postcodes}, ';' || ${c}) THEN 6
    WHEN length(${k}) >= 3 AND contains(t.key, ${k}) THEN 7
  END AS match
  FROM t
), r AS (
  SELECT * FROM m WHERE match IS NOT NULL ORDER BY ${order} LIMIT ${limit}
)
SELECT m.level, m.code, m.name, m.postcodes, m.population, m.qpv_list, m.departement_code,
  m.lon, m.lat, m.parent_level, m.parent_code, p.name AS parent_name, m.match
FROM r AS m LEFT JOIN territories p ON p.level = m.parent_level AND p.code = m.parent_code
ORDER BY ${order}`;
}
