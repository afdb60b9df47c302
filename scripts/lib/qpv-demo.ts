/**
 * Demo QPV, used while the official list is not in GEODATA_DIR: about 1,500 quartiers holding
 * about 5.4 million inhabitants, in dense or intermediate communes of at least 5,000 inhabitants,
 * with the published per-département counts where calibration.md §7 has them. Codes QPDEMO####
 * cannot be taken for real ones. Each shape is a small polygon strictly inside its commune.
 * Per-département streams and a national numbering make a département's QPV identical whether
 * the run covers all of France or only some départements.
 */
import type { Cog } from './cog';
import { loadCog } from './cog';
import {
  areaKm2,
  bbox,
  containsPoint,
  distanceToBoundaryKm,
  type MultiPolygonCoords,
  type Position,
  type Ring,
} from './geometry';
import type { CommuneModel, QpvModel } from './model';
import { Rng } from './random';

export const DEMO_QPV_TOTAL = 1_500;
export const DEMO_QPV_POPULATION = 5_400_000;

/** Published counts (2024 list) and QPV populations per département (calibration.md §7c). */
const KNOWN: Readonly<Record<string, { count: number; population: number }>> = {
  '93': { count: 75, population: 697_700 },
  '69': { count: 48, population: 186_400 },
  '13': { count: 71, population: 300_000 },
  '59': { count: 94, population: 365_000 },
  '62': { count: 64, population: 160_000 },
  '95': { count: 41, population: 207_000 },
  '974': { count: 49, population: 163_000 },
  '976': { count: 36, population: 170_800 },
};

/** QPV forced in the experimental sites (calibration.md §7c: 3 QPV in the SAN Ouest Provence). */
const FORCED: Readonly<Record<string, number>> = {
  '69256': 4, // Vaulx-en-Velin
  '13047': 1, // Istres (Le Prépaou)
  '13063': 2, // Miramas (La Carraire, La Maille)
  '13039': 0,
  '13078': 0,
  '13029': 0,
  '13044': 0,
  '62498': 3, // Lens
  '62510': 2, // Liévin
  '62065': 1, // Avion
  '62570': 1, // Méricourt
  '62771': 1, // Sallaumines
  '93066': 5, // Saint-Denis
  '93001': 4, // Aubervilliers
  '93027': 2, // La Courneuve
  '93072': 2, // Stains
};

interface DepartementPlan {
  readonly count: number;
  readonly population: number;
  readonly firstNumber: number;
}

/** National allocation of counts and populations per département, independent of the run's scope. */
export function planDepartements(): Map<string, DepartementPlan> {
  const cog = loadCog(null);
  const weight = new Map<string, number>();
  for (const c of cog.communes)
    if (c.population >= 10_000)
      weight.set(c.departement, (weight.get(c.departement) ?? 0) + c.population);
  const deps = cog.departements.map((d) => d.code).sort();
  const knownCount = Object.values(KNOWN).reduce((s, k) => s + k.count, 0);
  const knownPop = Object.values(KNOWN).reduce((s, k) => s + k.population, 0);
  const others = deps.filter((d) => !KNOWN[d]);
  const totalWeight = others.reduce((s, d) => s + (weight.get(d) ?? 0), 0);
  const remaining = DEMO_QPV_TOTAL - knownCount;
  // Largest remainder, so the total is exact and the rounding deterministic.
  const raw = others.map((d) => ({ d, x: ((weight.get(d) ?? 0) / totalWeight) * remaining }));
  const counts = new Map(raw.map((r) => [r.d, Math.floor(r.x)]));
  let left = remaining - [...counts.values()].reduce((s, n) => s + n, 0);
  for (const r of [...raw].sort(
    (a, b) => b.x - Math.floor(b.x) - (a.x - Math.floor(a.x)) || (a.d < b.d ? -1 : 1),
  )) {
    if (left-- <= 0) break;
    counts.set(r.d, (counts.get(r.d) ?? 0) + 1);
  }
  const avgOther = (DEMO_QPV_POPULATION - knownPop) / remaining;
  const plan = new Map<string, DepartementPlan>();
  let next = 1;
  for (const d of deps) {
    const known = KNOWN[d];
    const count = known ? known.count : (counts.get(d) ?? 0);
    plan.set(d, {
      count,
      population: known ? known.population : count * avgOther,
      firstNumber: next,
    });
    next += count;
  }
  return plan;
}

function lognormalSizes(rng: Rng, n: number): number[] {
  return Array.from({ length: n }, () => Math.exp(rng.normal(0, 0.6)));
}

/** A small irregular polygon around `center` with mean radius `rKm`. */
function blob(rng: Rng, center: Position, rKm: number): Ring {
  const kx = 111.32 * Math.cos((center[1] * Math.PI) / 180);
  const ky = 110.57;
  const n = 9 + rng.int(5);
  const ring: Ring = [];
  const phase = rng.next() * Math.PI * 2;
  const radii = Array.from({ length: n }, () => rKm * rng.uniform(0.75, 1.15));
  for (let i = 0; i < n; i++) {
    const a = phase + (i / n) * Math.PI * 2;
    const r = radii[i] ?? rKm;
    ring.push([center[0] + (r * Math.cos(a)) / kx, center[1] + (r * Math.sin(a)) / ky]);
  }
  ring.push([...(ring[0] as Position)] as Position);
  // Counter-clockwise outer ring? GeoJSON (RFC 7946) wants counter-clockwise: the angles above are.
  return ring;
}

export function ringInside(polygons: MultiPolygonCoords, ring: Ring): boolean {
  return ring.every((p) => containsPoint(polygons, p));
}

/** Shrinks a ring towards `center` until every vertex is inside `polygons` (null if impossible). */
export function shrinkInside(
  polygons: MultiPolygonCoords,
  ring: Ring,
  center: Position,
): Ring | null {
  let current = ring;
  for (let k = 0; k < 12; k++) {
    if (ringInside(polygons, current)) return current;
    current = current.map(([x, y]) => [
      center[0] + (x - center[0]) * 0.75,
      center[1] + (y - center[1]) * 0.75,
    ]);
  }
  return null;
}

interface Placed {
  center: Position;
  rKm: number;
}

function placeOne(rng: Rng, commune: CommuneModel, rKm: number, others: Placed[]): Placed {
  const polys = commune.polygons;
  const [w, s, e, n] = bbox(polys);
  let best: Placed | null = null;
  let bestScore = -Infinity;
  let inside = 0;
  for (let t = 0; t < 400 && inside < 24; t++) {
    const p: Position = [rng.uniform(w, e), rng.uniform(s, n)];
    if (!containsPoint(polys, p)) continue;
    inside++;
    const d = distanceToBoundaryKm(polys, p);
    let clearance = d - 1.3 * rKm;
    for (const o of others) {
      const kx = 111.32 * Math.cos((p[1] * Math.PI) / 180);
      const dist = Math.hypot((p[0] - o.center[0]) * kx, (p[1] - o.center[1]) * 110.57);
      clearance = Math.min(clearance, dist - 1.2 * (rKm + o.rKm));
    }
    if (clearance > bestScore) {
      bestScore = clearance;
      best = { center: p, rKm: Math.min(rKm, Math.max(0.03, d / 1.6)) };
    }
  }
  return best ?? { center: commune.point ?? [w, s], rKm: 0.03 };
}

export function generateDemoQpv(
  communes: readonly CommuneModel[],
  _cog: Cog,
  seed: number,
  departements: readonly string[] | null,
): QpvModel[] {
  const plan = planDepartements();
  const byDep = new Map<string, CommuneModel[]>();
  for (const c of communes) {
    const list = byDep.get(c.departement) ?? [];
    list.push(c);
    byDep.set(c.departement, list);
  }
  const out: QpvModel[] = [];
  for (const [dep, p] of [...plan.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    if (departements !== null && !departements.includes(dep)) continue;
    if (p.count === 0) continue;
    const rng = new Rng(seed, `qpv:${dep}`);
    const candidates = (byDep.get(dep) ?? []).filter(
      (c) =>
        c.population >= 5_000 &&
        c.polygons.length > 0 &&
        (c.rurality === 'dense' || c.rurality === 'intermediaire') &&
        FORCED[c.code] !== 0,
    );
    if (!candidates.length) continue;
    const n = new Map<string, number>();
    for (const c of candidates) if (FORCED[c.code]) n.set(c.code, FORCED[c.code] ?? 0);
    let assigned = [...n.values()].reduce((s, x) => s + x, 0);
    const cap = (c: CommuneModel): number => Math.max(1, Math.floor((c.population * 0.6) / 1_000));
    let guard = 0;
    while (assigned < p.count && guard++ < 100_000) {
      const weights = candidates.map((c) => {
        const k = n.get(c.code) ?? 0;
        return k >= cap(c) || c.code in FORCED ? 0 : c.population / (1 + k) ** 1.5;
      });
      const total = weights.reduce((s, x) => s + x, 0);
      if (total <= 0) break;
      let x = rng.next() * total;
      let idx = 0;
      while (idx < weights.length - 1 && x >= (weights[idx] ?? 0)) x -= weights[idx++] ?? 0;
      const chosen = candidates[idx] as CommuneModel;
      n.set(chosen.code, (n.get(chosen.code) ?? 0) + 1);
      assigned++;
    }
    // Populations: log-normal sizes scaled to the département's total, each commune capped at 60 %.
    const slots = candidates.flatMap((c) => Array.from({ length: n.get(c.code) ?? 0 }, () => c));
    const sizes = lognormalSizes(rng, slots.length);
    const sum = sizes.reduce((s, x) => s + x, 0);
    const pops = sizes.map((s) => Math.max(1_000, (s / sum) * p.population));
    // Cap each commune's QPV population at 60 % of its inhabitants, moving the excess to the
    // other quartiers of the département so that its total stays on target.
    const slotsOf = new Map<CommuneModel, number[]>();
    slots.forEach((c, i) => slotsOf.set(c, [...(slotsOf.get(c) ?? []), i]));
    for (let pass = 0; pass < 4; pass++) {
      const capped = new Set<number>();
      for (const [c, idx] of slotsOf) {
        const tot = idx.reduce((s, i) => s + (pops[i] ?? 0), 0);
        const limit = c.population * 0.6;
        if (tot >= limit) {
          for (const i of idx) {
            pops[i] = ((pops[i] ?? 0) * limit) / tot;
            capped.add(i);
          }
        }
      }
      const current = pops.reduce((s, x) => s + x, 0);
      const free = pops.reduce((s, x, i) => (capped.has(i) ? s : s + x), 0);
      if (free <= 0 || current >= p.population * 0.995) break;
      const f = 1 + (p.population - current) / free;
      pops.forEach((x, i) => {
        if (!capped.has(i)) pops[i] = x * f;
      });
    }
    let number = p.firstNumber;
    const placedByCommune = new Map<string, Placed[]>();
    slots.forEach((commune, i) => {
      const population = Math.round(pops[i] ?? 1_000);
      const density = rng.uniform(7_000, 16_000);
      const rKm = Math.sqrt(population / density / Math.PI);
      const others = placedByCommune.get(commune.code) ?? [];
      const placed = placeOne(rng, commune, rKm, others);
      others.push(placed);
      placedByCommune.set(commune.code, others);
      const ring =
        shrinkInside(commune.polygons, blob(rng, placed.center, placed.rKm), placed.center) ??
        blob(rng, placed.center, 0.01);
      const code = `QPDEMO${String(number).padStart(4, '0')}`;
      const polygons: MultiPolygonCoords = [[ring]];
      out.push({
        code,
        name: `Quartier démo n° ${number} — ${commune.name}`,
        commune: commune.code,
        population,
        areaKm2: areaKm2(polygons),
        point: placed.center,
        polygons,
        synthetic: true,
      });
      number++;
    });
  }
  return out;
}
