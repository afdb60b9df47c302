/**
 * How the contract describes a table: column types, column and table specs, and the columns
 * several tables share (a territory reference, the year, level/code/part, suppression). The tables
 * themselves are in reference-tables.ts (territories, populations), tables.ts (published facts and
 * the registry) and grain-tables.ts (internal grain).
 */
import { FIRST_YEAR, type CodeListKey, type TerritoryLevel } from './codes';

/** DuckDB logical types used by the contract (also the Parquet physical types we write). */
export type ColumnType =
  'VARCHAR' | 'SMALLINT' | 'INTEGER' | 'BIGINT' | 'DOUBLE' | 'BOOLEAN' | 'DATE';

export interface ColumnSpec {
  readonly name: string;
  readonly type: ColumnType;
  readonly nullable: boolean;
  /** French description shown in the Données view and data/README.md. */
  readonly description: string;
  /** Unit, in French, when the column is a measure. */
  readonly unit?: string;
  /** When the column holds codes from a closed list, the list's key in `CODE_LISTS`. */
  readonly codes?: CodeListKey;
  /** When the column references `territories`, the level its codes must have. */
  readonly references?: TerritoryLevel;
  /** Lower bound for numeric columns (counts are never negative). */
  readonly min?: number;
}

/** Tables of the published data set, loaded by the app. */
export type PublishedTableName =
  'territories' | 'indicators' | 'populations' | 'cases' | 'non_recours' | 'services';
/** Internal tables at the finest grain: the publication step's input, never published. */
export type GrainTableName = 'cases_grain' | 'non_recours_grain';
export type TableName = PublishedTableName | GrainTableName;

export interface TableSpec {
  readonly name: TableName;
  readonly label: string;
  /** One sentence on what a row is. */
  readonly grain: string;
  readonly description: string;
  readonly columns: readonly ColumnSpec[];
  /** Columns that identify a row; the validator checks they are unique. */
  readonly key: readonly string[];
  /** The confidentiality rule applied to this table's measures, in French (data/README.md). */
  readonly suppression: string;
}

export const territoryRef = (
  level: TerritoryLevel,
  description: string,
  nullable = true,
): ColumnSpec => ({
  name: `${level}_code`,
  type: 'VARCHAR',
  nullable,
  description,
  references: level,
});

export const year = (description = 'Année'): ColumnSpec => ({
  name: 'year',
  type: 'SMALLINT',
  nullable: false,
  description,
  min: FIRST_YEAR,
});

export const levelColumn: ColumnSpec = {
  name: 'level',
  type: 'VARCHAR',
  nullable: false,
  description: 'Niveau territorial',
  codes: 'level',
};

export const codeColumn: ColumnSpec = {
  name: 'code',
  type: 'VARCHAR',
  nullable: false,
  description: 'Code du territoire (voir territories)',
};

export const benefitColumn: ColumnSpec = {
  name: 'benefit',
  type: 'VARCHAR',
  nullable: false,
  description: 'Prestation',
  codes: 'benefit',
};

export const partColumn: ColumnSpec = {
  name: 'part',
  type: 'VARCHAR',
  nullable: false,
  description:
    'Partie du territoire : ensemble, habitants des QPV ou hors QPV, communes rurales ou urbaines, communes FRR ou non, communes ZRR ou non',
  codes: 'part',
};

export const suppressedColumn: ColumnSpec = {
  name: 'suppressed',
  type: 'BOOLEAN',
  nullable: false,
  description:
    'Vrai si la cellule est couverte par le secret statistique : ses mesures sont vides (jamais la valeur)',
};
