/**
 * The territory structure the publication's relations follow, read from `territories` rows (the
 * published reference itself: an attacker auditing the publication knows exactly this): which
 * communes make each département, EPCI and site, which départements each région, the parts each
 * commune counts in, and the QPV in force each year with their communes.
 */
import {
  FRR_MEMBERS,
  RURAL_CLASSES,
  ZRR_MEMBERS,
  partInYear,
  type Part,
} from '../../../src/catalogue';

/** The columns of a `territories` row the structure needs. */
export interface TerritoryRow {
  readonly level: string;
  readonly code: string;
  readonly region_code: string | null;
  readonly departement_code: string | null;
  readonly epci_code: string | null;
  readonly site: string | null;
  readonly rurality: string | null;
  readonly frr: string | null;
  readonly zrr: string | null;
  readonly communes: string | null;
  readonly valid_from: number | null;
  readonly valid_to: number | null;
}

export interface CommuneInfo {
  readonly code: string;
  /** Attribute parts the commune counts in (rural or urbain, frr or hors_frr, zrr or hors_zrr). */
  readonly attributeParts: readonly Part[];
}

export interface QpvInfo {
  readonly code: string;
  readonly communes: readonly string[];
  readonly from: number;
  readonly to: number;
}

/** Area levels whose cells are sums of communes, and the commune column naming them. */
export const COMMUNE_GROUP_LEVELS = ['departement', 'epci', 'site'] as const;
export type CommuneGroupLevel = (typeof COMMUNE_GROUP_LEVELS)[number];

export class Geography {
  readonly regions: readonly string[];
  readonly departementsOfRegion: ReadonlyMap<string, readonly string[]>;
  readonly communesOf: Readonly<Record<CommuneGroupLevel, ReadonlyMap<string, readonly string[]>>>;
  readonly communes: ReadonlyMap<string, CommuneInfo>;
  readonly qpv: readonly QpvInfo[];

  constructor(rows: readonly TerritoryRow[]) {
    const push = <K, V>(m: Map<K, V[]>, k: K, v: V): void => {
      const list = m.get(k);
      if (list) list.push(v);
      else m.set(k, [v]);
    };
    const regions: string[] = [];
    const depsOfRegion = new Map<string, string[]>();
    const groups: Record<CommuneGroupLevel, Map<string, string[]>> = {
      departement: new Map(),
      epci: new Map(),
      site: new Map(),
    };
    const communes = new Map<string, CommuneInfo>();
    const qpv: QpvInfo[] = [];
    const sorted = [...rows].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
    for (const r of sorted) {
      switch (r.level) {
        case 'region':
          regions.push(r.code);
          break;
        case 'departement':
          if (r.region_code) push(depsOfRegion, r.region_code, r.code);
          break;
        case 'commune': {
          if (r.departement_code) push(groups.departement, r.departement_code, r.code);
          if (r.epci_code) push(groups.epci, r.epci_code, r.code);
          if (r.site) push(groups.site, r.site, r.code);
          communes.set(r.code, { code: r.code, attributeParts: attributeParts(r) });
          break;
        }
        case 'qpv':
          qpv.push({
            code: r.code,
            communes: (r.communes ?? '')
              .split(';')
              .map((c) => c.trim())
              .filter(Boolean),
            from: Number(r.valid_from),
            to: r.valid_to === null ? 9999 : Number(r.valid_to),
          });
          break;
      }
    }
    this.regions = regions;
    this.departementsOfRegion = depsOfRegion;
    this.communesOf = groups;
    this.communes = communes;
    this.qpv = qpv;
  }

  /** QPV in force in `year`. */
  qpvInForce(year: number): QpvInfo[] {
    return this.qpv.filter((q) => q.from <= year && year <= q.to);
  }
}

/**
 * The attribute parts of a commune row. A commune without a class (7 communes restored since the
 * ZRR list was converted) counts in the complement, as in the grain cells and the populations, so
 * that `tous = part + complement` always holds.
 */
function attributeParts(r: TerritoryRow): Part[] {
  return [
    r.rurality !== null && RURAL_CLASSES.includes(r.rurality as never) ? 'rural' : 'urbain',
    r.frr !== null && FRR_MEMBERS.includes(r.frr as never) ? 'frr' : 'hors_frr',
    r.zrr !== null && ZRR_MEMBERS.includes(r.zrr as never) ? 'zrr' : 'hors_zrr',
  ];
}

/** Whether commune info counts in `part` in `year` (attribute parts only; tous always). */
export function communeInPart(c: CommuneInfo, part: Part, year: number): boolean {
  if (!partInYear(part, year)) return false;
  return part === 'tous' || c.attributeParts.includes(part);
}
