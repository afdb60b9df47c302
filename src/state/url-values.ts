/**
 * The grammar of one URL value: a territory (`niveau:code`), the map view (`lon,lat,zoom`,
 * rounded), a group name, the second map (`periode:2019,indicateur:<id>`), and `Reader`, which
 * reads each parameter of a query string with a French notice and the default when it is bad.
 * ./url.ts puts them together into a whole state and back.
 */
import {
  FIRST_YEAR,
  LAST_YEAR,
  SITES,
  TERRITORY_LEVELS,
  findIndicator,
  isValidAt,
  type MapLevel,
  type SiteId,
} from '../catalogue';
import { URL_NOTICES } from '../messages';
import type { CustomGroup, MapView, SecondMap, TerritoryRef } from './app-state';
import { DEFAULT_STATE, URL_LIMITS } from './url-defaults';

const CODE_PATTERN = /^[0-9A-Za-z]{1,15}$/;

/** Reads `niveau:code` (e.g. `departement:93`); null when malformed. */
export function parseTerritoryRef(text: string): TerritoryRef | null {
  const i = text.indexOf(':');
  if (i < 0) return null;
  const level = text.slice(0, i);
  const code = text.slice(i + 1);
  if (!includes(TERRITORY_LEVELS, level) || !CODE_PATTERN.test(code)) return null;
  if (level === 'france' && code !== 'FR') return null;
  return { level, code };
}

/** Writes a territory reference as `niveau:code`. */
export function formatTerritoryRef(ref: TerritoryRef): string {
  return `${ref.level}:${ref.code}`;
}

/** Writes what differs on the second map as `periode:2019,indicateur:<id>` (set keys only). */
export function formatSecondMap(second: SecondMap): string {
  const parts: string[] = [];
  if (second.year !== null) parts.push(`periode:${second.year}`);
  if (second.indicator !== null) parts.push(`indicateur:${second.indicator}`);
  return parts.join(',');
}

/** C0 and C1 control characters (NUL, tab, line feed, DEL…): never part of a value of ours. */
export const CONTROL_CHARS = /\p{Cc}/gu;

/**
 * Group names lose control characters, the URL separators (`~`, `;`) and extra spaces, and are
 * capped in length.
 */
export function sanitiseGroupName(name: string): string {
  return name
    .replace(CONTROL_CHARS, ' ')
    .replace(/[~;]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, URL_LIMITS.groupName)
    .trim();
}

/** Rounds a map view to what the URL keeps: centre to 4 decimals (~10 m), zoom to 2. */
export function roundMapView(view: MapView): MapView {
  return { lon: round(view.lon, 4), lat: round(view.lat, 4), zoom: round(view.zoom, 2) };
}

/** Reads single parameters, pushing a notice and returning the default when a value is bad. */
export class Reader {
  constructor(
    private readonly params: URLSearchParams,
    private readonly notices: string[],
  ) {}

  value(name: string): string | null {
    const v = this.params.get(name);
    return v === null || v.trim() === '' ? null : v.trim();
  }

  invalid(name: string, value: string, fallback: string): void {
    this.notices.push(URL_NOTICES.invalidValue(name, value, fallback));
  }

  oneOf<T extends string, D extends T | null>(
    name: string,
    allowed: readonly T[],
    fallback: D,
    fallbackLabel: string,
  ): T | D {
    const v = this.value(name);
    if (v === null) return fallback;
    if (includes(allowed, v)) return v;
    this.invalid(name, v, `« ${fallbackLabel} »`);
    return fallback;
  }

  integer(name: string, min: number, max: number, fallback: number): number {
    const v = this.value(name);
    if (v === null) return fallback;
    const n = /^\d{1,6}$/.test(v) ? Number(v) : NaN;
    if (n >= min && n <= max) return n;
    this.invalid(name, v, `« ${fallback} »`);
    return fallback;
  }

  flag(name: string): boolean {
    const v = this.value(name);
    if (v === null) return false;
    if (['1', 'oui', 'true'].includes(v.toLowerCase())) return true;
    if (['0', 'non', 'false'].includes(v.toLowerCase())) return false;
    this.invalid(name, v, '« non »');
    return false;
  }

  territory(name: string): TerritoryRef | null {
    const v = this.value(name);
    if (v === null) return null;
    const ref = parseTerritoryRef(v);
    if (!ref) this.invalid(name, v, 'aucun territoire sélectionné');
    return ref;
  }

  mapView(name: string): MapView | null {
    const v = this.value(name);
    if (v === null) return null;
    const parts = v.split(',').map((s) => (/^-?\d+(\.\d+)?$/.test(s.trim()) ? Number(s) : NaN));
    const [lon, lat, zoom] = parts;
    if (
      parts.length === 3 &&
      lon !== undefined &&
      lat !== undefined &&
      zoom !== undefined &&
      Math.abs(lon) <= 180 &&
      Math.abs(lat) <= 85 &&
      zoom >= 0 &&
      zoom <= 22
    )
      return roundMapView({ lon, lat, zoom });
    this.invalid(name, v, 'la vue de la France entière');
    return null;
  }

  /**
   * `carte2`: `periode:<year>` and/or `indicateur:<id>` joined by `,`. A bad item is dropped with
   * a notice; an indicator not published at `level` (shared by both maps) too. Nothing valid left
   * = one map.
   */
  secondMap(name: string, level: MapLevel): SecondMap | null {
    const v = this.value(name);
    if (v === null) return null;
    let year: number | null = null;
    let indicator: string | null = null;
    for (const raw of v.split(',')) {
      const item = raw.trim();
      if (item === '') continue;
      const i = item.indexOf(':');
      const key = i < 0 ? item : item.slice(0, i);
      const value = i < 0 ? '' : item.slice(i + 1).trim();
      if (key === 'periode' && year === null && /^\d{4}$/.test(value)) {
        const n = Number(value);
        if (n >= FIRST_YEAR && n <= LAST_YEAR) {
          year = n;
          continue;
        }
      } else if (key === 'indicateur' && indicator === null) {
        const def = findIndicator(value);
        if (def && isValidAt(def, level)) {
          indicator = value;
          continue;
        }
      }
      this.notices.push(URL_NOTICES.invalidListItem(name, item));
    }
    return year === null && indicator === null ? null : { year, indicator };
  }

  territoryList(name: string, max: number): TerritoryRef[] {
    const v = this.value(name);
    if (v === null) return [];
    return this.refs(name, v.split(','), max);
  }

  private refs(name: string, items: readonly string[], max: number): TerritoryRef[] {
    const out: TerritoryRef[] = [];
    const seen = new Set<string>();
    for (const item of items) {
      const ref = parseTerritoryRef(item.trim());
      if (!ref) {
        if (item.trim() !== '') this.notices.push(URL_NOTICES.invalidListItem(name, item));
        continue;
      }
      const key = formatTerritoryRef(ref);
      if (seen.has(key)) continue;
      if (out.length === max) {
        this.notices.push(URL_NOTICES.tooMany(name, max));
        break;
      }
      seen.add(key);
      out.push(ref);
    }
    return out;
  }

  sites(name: string): readonly SiteId[] {
    const v = this.params.get(name);
    if (v === null) return DEFAULT_STATE.sites;
    const out: SiteId[] = [];
    for (const item of v.split(',').map((s) => s.trim())) {
      if (item === '') continue;
      if (!includes(SITES, item)) this.notices.push(URL_NOTICES.invalidListItem(name, item));
      else if (!out.includes(item)) out.push(item);
    }
    return out;
  }

  groups(name: string): CustomGroup[] {
    const v = this.value(name);
    if (v === null) return [];
    const out: CustomGroup[] = [];
    for (const part of v.split(';')) {
      if (part.trim() === '') continue;
      const i = part.indexOf('~');
      const groupName = i < 0 ? '' : sanitiseGroupName(part.slice(0, i));
      const members =
        i < 0 ? [] : this.refs(name, part.slice(i + 1).split(','), URL_LIMITS.groupMembers);
      if (groupName === '' || members.length === 0) {
        this.notices.push(URL_NOTICES.invalidListItem(name, part));
        continue;
      }
      if (out.length === URL_LIMITS.groups) {
        this.notices.push(URL_NOTICES.tooMany(name, URL_LIMITS.groups));
        break;
      }
      out.push({ name: groupName, members });
    }
    return out;
  }
}

export function includes<T extends string>(list: readonly T[], value: string): value is T {
  return (list as readonly string[]).includes(value);
}

function round(x: number, decimals: number): number {
  const f = 10 ** decimals;
  const r = Math.round(x * f) / f;
  return r === 0 ? 0 : r; // no "-0" in URLs
}
