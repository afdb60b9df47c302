/**
 * services.parquet — demo France services, MSAP and délégués' permanences (no public list is in
 * GEODATA_DIR). Counts per département are planned nationally (so a département looks the same in
 * a partial run); opening dates follow the published national curves (MSAP 1 000 end 2016 target,
 * 1 340 end 2018; France services 460 end 2019 → 2 055 Jan 2022 → 2 377 Aug 2022 → 2 840 end
 * 2023; permanences 874 in 2019 → > 1 000 in 2024). About two thirds of the MSAP are relabelled
 * France services in 2019–2021 (same place; the MSAP row closes the day the France services opens),
 * the others close by the end of 2021. Positions are random points inside the commune, or inside a
 * QPV for the France services placed in one (≈ 18 %), about 63 % in rural communes.
 */
import path from 'node:path';
import { TABLES, type TableManifest } from '../src/catalogue';
import { FRANCE_SERVICES_CURVE, MSAP_CURVE, PERMANENCES_CURVE } from './lib/calibration';
import { loadCog } from './lib/cog';
import type { BuildContext } from './lib/context';
import { createContractTable, writeParquet, type Cell } from './lib/duck';
import { bbox, containsPoint, round, type MultiPolygonCoords, type Position } from './lib/geometry';
import type { CommuneModel, QpvModel } from './lib/model';
import { Rng } from './lib/random';

const DAY = 86_400_000;
const toTime = (d: string): number => Date.parse(`${d}T00:00:00Z`);
const toDate = (t: number): string =>
  new Date(Math.floor(t / DAY) * DAY).toISOString().slice(0, 10);

/** Date at which a cumulative curve reaches `u` × its final value (linear between points). */
export function dateAtQuantile(curve: readonly [string, number][], u: number): string {
  const final = curve[curve.length - 1]?.[1] ?? 0;
  const target = u * final;
  for (let i = 1; i < curve.length; i++) {
    const [d0, n0] = curve[i - 1] as [string, number];
    const [d1, n1] = curve[i] as [string, number];
    if (target <= n1) {
      const f = n1 > n0 ? (target - n0) / (n1 - n0) : 0;
      return toDate(toTime(d0) + f * (toTime(d1) - toTime(d0)));
    }
  }
  return curve[curve.length - 1]?.[0] ?? '2024-12-31';
}

const FINAL = {
  fs: FRANCE_SERVICES_CURVE[FRANCE_SERVICES_CURVE.length - 1]?.[1] ?? 0,
  msap: MSAP_CURVE[MSAP_CURVE.length - 1]?.[1] ?? 0,
  perm: (PERMANENCES_CURVE[PERMANENCES_CURVE.length - 1]?.[1] ?? 0) + 60,
};

/** Largest-remainder allocation of `total` over keys ∝ weights. */
function allocate(weights: Map<string, number>, total: number): Map<string, number> {
  const keys = [...weights.keys()].sort();
  const sum = keys.reduce((s, k) => s + (weights.get(k) ?? 0), 0);
  const raw = keys.map((k) => ({ k, x: sum > 0 ? ((weights.get(k) ?? 0) / sum) * total : 0 }));
  const out = new Map(raw.map((r) => [r.k, Math.floor(r.x)]));
  let left = total - [...out.values()].reduce((s, n) => s + n, 0);
  for (const r of [...raw].sort(
    (a, b) => b.x - Math.floor(b.x) - (a.x - Math.floor(a.x)) || (a.k < b.k ? -1 : 1),
  )) {
    if (left-- <= 0) break;
    out.set(r.k, (out.get(r.k) ?? 0) + 1);
  }
  return out;
}

interface Plan {
  fs: Map<string, number>;
  msap: Map<string, number>;
  perm: Map<string, number>;
  offsets: Map<string, { fs: number; msap: number; perm: number }>;
}

function planServices(): Plan {
  const cog = loadCog(null);
  const pop = new Map<string, number>();
  const small = new Map<string, number>();
  for (const c of cog.communes) {
    pop.set(c.departement, (pop.get(c.departement) ?? 0) + c.population);
    if (c.population < 5_000)
      small.set(c.departement, (small.get(c.departement) ?? 0) + c.population);
  }
  const deps = cog.departements.map((d) => d.code).sort();
  const totalPop = deps.reduce((s, d) => s + (pop.get(d) ?? 0), 0);
  const fsW = new Map(
    deps.map((d) => [d, 0.5 / deps.length + (0.5 * (pop.get(d) ?? 0)) / totalPop]),
  );
  const msapW = new Map(deps.map((d) => [d, (small.get(d) ?? 0) + 20_000]));
  const permW = new Map(deps.map((d) => [d, (pop.get(d) ?? 0) ** 0.8]));
  const plan: Plan = {
    fs: allocate(fsW, FINAL.fs),
    msap: allocate(msapW, FINAL.msap),
    perm: allocate(permW, FINAL.perm),
    offsets: new Map(),
  };
  const next = { fs: 1, msap: 1, perm: 1 };
  for (const d of deps) {
    plan.offsets.set(d, { ...next });
    next.fs += plan.fs.get(d) ?? 0;
    next.msap += plan.msap.get(d) ?? 0;
    next.perm += plan.perm.get(d) ?? 0;
  }
  return plan;
}

function randomPointIn(
  rng: Rng,
  polygons: MultiPolygonCoords,
  fallback: Position | null,
): Position | null {
  const [w, s, e, n] = bbox(polygons);
  for (let t = 0; t < 200; t++) {
    const p: Position = [rng.uniform(w, e), rng.uniform(s, n)];
    if (containsPoint(polygons, p)) return p;
  }
  return fallback;
}

type Where = { commune: CommuneModel; polygons: MultiPolygonCoords };

function chooser(rng: Rng, items: readonly CommuneModel[], power: number) {
  const used = new Map<string, number>();
  return (): CommuneModel | null => {
    if (!items.length) return null;
    const w = items.map(
      (c) => Math.max(1, c.population) ** power / (1 + (used.get(c.code) ?? 0)) ** 3,
    );
    const total = w.reduce((s, x) => s + x, 0);
    let x = rng.next() * total;
    let i = 0;
    while (i < w.length - 1 && x >= (w[i] ?? 0)) x -= w[i++] ?? 0;
    const c = items[i] as CommuneModel;
    used.set(c.code, (used.get(c.code) ?? 0) + 1);
    return c;
  };
}

export async function buildServices(ctx: BuildContext): Promise<TableManifest> {
  const { opts, model } = ctx;
  const plan = planServices();
  const byDep = new Map<string, CommuneModel[]>();
  for (const c of model.communes)
    if (c.polygons.length) byDep.set(c.departement, [...(byDep.get(c.departement) ?? []), c]);
  const qpvByDep = new Map<string, QpvModel[]>();
  for (const q of model.qpv) {
    const dep = model.communeByCode.get(q.commune)?.departement ?? '';
    qpvByDep.set(dep, [...(qpvByDep.get(dep) ?? []), q]);
  }
  const rows: Cell[][] = [];
  const id = (block: number, n: number): string => `FSDEMO${block}${String(n).padStart(4, '0')}`;
  for (const d of [...byDep.keys()].sort()) {
    const communes = byDep.get(d) ?? [];
    const qpvs = qpvByDep.get(d) ?? [];
    const off = plan.offsets.get(d);
    if (!off) continue;
    const rng = new Rng(opts.seed, `services:${d}`);
    const isRural = (c: CommuneModel): boolean =>
      c.rurality === 'peu_dense' || c.rurality === 'tres_peu_dense';
    const rural = chooser(rng, communes.filter(isRural), 1.1);
    const urban = chooser(
      rng,
      communes.filter((c) => !isRural(c)),
      1,
    );
    const any = chooser(rng, communes, 0.8);
    const qpvPick = (): Where | null => {
      if (!qpvs.length) return null;
      const q = qpvs[rng.int(qpvs.length)] as QpvModel;
      const c = model.communeByCode.get(q.commune);
      return c ? { commune: c, polygons: q.polygons } : null;
    };
    const place = (weights: [number, number, number]): Where | null => {
      const r = rng.next() * (weights[0] + weights[1] + weights[2]);
      const order =
        r < weights[0]
          ? ['rural', 'qpv', 'urban']
          : r < weights[0] + weights[1]
            ? ['qpv', 'urban', 'rural']
            : ['urban', 'rural', 'qpv'];
      for (const kind of order) {
        if (kind === 'qpv') {
          const w = qpvPick();
          if (w) return w;
        } else {
          const c = kind === 'rural' ? rural() : urban();
          if (c) return { commune: c, polygons: c.polygons };
        }
      }
      const c = any();
      return c ? { commune: c, polygons: c.polygons } : null;
    };
    const emit = (
      ident: string,
      type: string,
      label: string,
      where: Where,
      opened: string,
      closed: string | null,
      point?: Position,
    ): Position | null => {
      const p = point ?? randomPointIn(rng, where.polygons, where.commune.point);
      if (!p) return null;
      rows.push([
        ident,
        type,
        `${label} — ${where.commune.name}`,
        where.commune.code,
        round(p[0], 5),
        round(p[1], 5),
        opened,
        closed,
        true,
      ]);
      return p;
    };
    // MSAP, then the France services (the earliest of which are relabelled MSAP).
    const nMsap = plan.msap.get(d) ?? 0;
    const nFs = plan.fs.get(d) ?? 0;
    const msap = Array.from({ length: nMsap }, () => ({
      where: place([0.8, 0.07, 0.13]),
      opened: dateAtQuantile(MSAP_CURVE, rng.next()),
      relabel: rng.next() < 0.65,
    }));
    const fsDates = Array.from({ length: nFs }, () =>
      dateAtQuantile(FRANCE_SERVICES_CURVE, rng.next()),
    ).sort();
    const relabelled = msap.filter((m) => m.relabel).slice(0, nFs);
    const fsRows: { where: Where | null; opened: string; point?: Position }[] = [];
    let k = 0;
    msap.forEach((m, i) => {
      if (!m.where) return;
      const isRelabel = m.relabel && k < relabelled.length;
      const fsDate = isRelabel ? (fsDates[k] ?? '2021-12-31') : null;
      const closed =
        fsDate ??
        toDate(toTime('2020-01-01') + rng.next() * (toTime('2021-12-31') - toTime('2020-01-01')));
      const p = emit(
        id(1, off.msap + i),
        'msap',
        'Maison de services au public (démo)',
        m.where,
        m.opened,
        closed,
      );
      if (isRelabel && p) {
        fsRows.push({ where: m.where, opened: fsDate ?? '2021-12-31', point: p });
        k++;
      }
    });
    for (let j = fsRows.length; j < nFs; j++)
      fsRows.push({ where: place([0.62, 0.2, 0.18]), opened: fsDates[j] ?? '2024-12-31' });
    fsRows.forEach((f, j) => {
      if (f.where)
        emit(
          id(0, off.fs + j),
          'france_services',
          'France services (démo)',
          f.where,
          f.opened,
          null,
          f.point,
        );
    });
    const nPerm = plan.perm.get(d) ?? 0;
    for (let j = 0; j < nPerm; j++) {
      const c = any();
      if (!c) break;
      const opened = dateAtQuantile(PERMANENCES_CURVE, rng.next());
      const closes = rng.next() < 60 / FINAL.perm;
      const closed = closes
        ? toDate(
            Math.max(toTime(opened) + 365 * DAY, toTime('2016-01-01') + rng.next() * 8 * 365 * DAY),
          )
        : null;
      emit(
        id(2, off.perm + j),
        'permanence_delegue',
        'Permanence d’un délégué du Défenseur des droits (démo)',
        { commune: c, polygons: c.polygons },
        opened,
        closed && closed < '2025-01-01' ? closed : null,
      );
    }
  }
  const spec = TABLES.services;
  await createContractTable(ctx.conn, spec, rows);
  const file = path.join(opts.outDir, 'services.parquet');
  const { rows: n, bytes } = await writeParquet(ctx.conn, spec, file);
  return {
    name: 'services',
    file: 'services.parquet',
    rows: n,
    bytes,
    synthetic: true,
    provenance: `DONNÉES SYNTHÉTIQUES — lieux fictifs (identifiants FSDEMO…, graine ${opts.seed}) : France services, MSAP et permanences des délégués du Défenseur des droits, en nombre calé sur les comptages publiés (MSAP : 1 340 fin 2018 ; France services : 460 fin 2019, 2 055 en janvier 2022, 2 377 en août 2022, 2 840 fin 2023, dont 63 % en zone rurale et 18 % en QPV ; permanences : 874 en 2019, plus de 1 000 en 2024). Les MSAP sont fermées ou relabellisées France services entre fin 2019 et fin 2021.`,
  };
}
