/**
 * URL migrations. A shared link is debt we never get rid of: when a parameter is renamed or its
 * values change, an old permalink must still open the same view. Each migration rewrites the
 * query parameters of older links into the current form, in order, before parsing; a link that is
 * already current passes through every step unchanged. Never edit or remove a shipped migration:
 * append a new one.
 *
 * History
 * 1. `indicator` → `indicateur` and `view` → `vue` (English names used by the first prototype).
 * 2. `annee` → `periode` (the year parameter was renamed when the period slider arrived).
 * 3. `lon`, `lat`, `zoom` (three parameters) → `carte=lon,lat,zoom` (one, shorter links).
 * 4. Plural or English view and level names of early demos (`vue=serie`, `vue=map`,
 *    `niveau=departements`…) → the current singular identifiers.
 */

export interface UrlMigration {
  readonly id: number;
  readonly description: string;
  /** Rewrites `params` in place. */
  readonly migrate: (params: URLSearchParams) => void;
}

function rename(params: URLSearchParams, from: string, to: string): void {
  const value = params.get(from);
  if (value === null) return;
  params.delete(from);
  if (!params.has(to)) params.set(to, value);
}

function mapValue(params: URLSearchParams, name: string, table: Readonly<Record<string, string>>) {
  const value = params.get(name);
  if (value === null) return;
  const next = table[value.toLowerCase()];
  if (next !== undefined) params.set(name, next);
}

export const URL_MIGRATIONS: readonly UrlMigration[] = [
  {
    id: 1,
    description: 'noms anglais du premier prototype',
    migrate: (p) => {
      rename(p, 'indicator', 'indicateur');
      rename(p, 'view', 'vue');
    },
  },
  {
    id: 2,
    description: '« annee » devient « periode »',
    migrate: (p) => rename(p, 'annee', 'periode'),
  },
  {
    id: 3,
    description: '« lon », « lat », « zoom » deviennent « carte=lon,lat,zoom »',
    migrate: (p) => {
      const lon = p.get('lon');
      const lat = p.get('lat');
      const zoom = p.get('zoom');
      if (lon === null && lat === null && zoom === null) return;
      p.delete('lon');
      p.delete('lat');
      p.delete('zoom');
      if (!p.has('carte') && lon !== null && lat !== null && zoom !== null)
        p.set('carte', `${lon},${lat},${zoom}`);
    },
  },
  {
    id: 4,
    description: 'anciens noms de vues et de niveaux',
    migrate: (p) => {
      mapValue(p, 'vue', { serie: 'series', map: 'carte', data: 'donnees', report: 'rapport' });
      mapValue(p, 'niveau', {
        regions: 'region',
        departements: 'departement',
        communes: 'commune',
        epcis: 'epci',
        qpvs: 'qpv',
        quartiers: 'qpv',
      });
    },
  },
];

/** Applies every migration in order to a copy of `params`. */
export function migrateParams(params: URLSearchParams): URLSearchParams {
  const out = new URLSearchParams(params);
  for (const m of URL_MIGRATIONS) m.migrate(out);
  return out;
}
