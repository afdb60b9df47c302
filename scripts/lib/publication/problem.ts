/**
 * A cell-suppression problem: the cells of one published table for one year (and, for
 * non-recours, one benefit), as variables linked by additive relations. Built by structure.ts
 * from the territory model and the publication plan; solved by engine.ts; checked by audit.ts.
 * Nothing here knows about territories: variables are indices.
 */

/** `total = Σ parts`, every coefficient 1. */
export interface Relation {
  readonly total: number;
  readonly parts: readonly number[];
}

export interface SuppressionProblem {
  /** Number of variables (indices 0 … size − 1). */
  readonly size: number;
  /**
   * Value of each variable (the count, or the eligible population for non-recours): ranks the
   * complementary cells and decides non-zero. Never published by the engine.
   */
  readonly value: Float64Array;
  /**
   * 1 for a published cell, 0 for an internal unknown that is never published (a piece of a QPV
   * spanning several communes). Internal unknowns are always unknown to an attacker.
   */
  readonly published: Uint8Array;
  /**
   * 1 for a sensitive cell (primary rule). Published sensitive cells are hidden; every sensitive
   * cell, published or internal, must end up impossible to recompute.
   */
  readonly primary: Uint8Array;
  /**
   * Importance tier of the variable: hiding it as a complement costs 4^rank × (1 + log2(1 +
   * value)); a tier more is 4 times as costly (structure.ts sets the tiers).
   */
  readonly rank: Uint8Array;
  readonly relations: readonly Relation[];
}

export interface SuppressionResult {
  /** 1 for a published cell that is hidden (primary or secondary). */
  readonly hidden: Uint8Array;
  /** Published cells hidden by the primary rule, and added by secondary suppression. */
  readonly primaryCount: number;
  readonly secondaryCount: number;
  /** How many audit rounds the engine needed. */
  readonly rounds: number;
}

export interface AuditResult {
  /**
   * Variables an attacker can recompute exactly from the published cells and the relations:
   * hidden published cells and internal unknowns whose value follows by linear algebra.
   */
  readonly determined: Int32Array;
  /** Sensitive (primary) variables among `determined`: a disclosure. */
  readonly disclosed: Int32Array;
}
