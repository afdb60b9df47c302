/** indicators.parquet — the indicator catalogue of src/catalogue/indicators.ts, as a table. */
import path from 'node:path';
import { INDICATORS, TABLES, type TableManifest } from '../src/catalogue';
import type { BuildContext } from './lib/context';
import { createContractTable, writeParquet, type Cell } from './lib/duck';

export function indicatorRows(): Cell[][] {
  return INDICATORS.map((i) => [
    i.id,
    i.label,
    i.theme,
    i.definition,
    i.unit,
    i.kind,
    i.table,
    i.numerator,
    i.denominator === null
      ? null
      : i.denominator.kind === 'population'
        ? 'population'
        : i.denominator.column,
    i.factor,
    i.levels.join(','),
    i.polarity,
    i.source,
    i.vintage,
    i.synthetic,
  ]);
}

export async function buildIndicators(ctx: BuildContext): Promise<TableManifest> {
  const spec = TABLES.indicators;
  await createContractTable(ctx.conn, spec, indicatorRows());
  const file = path.join(ctx.opts.outDir, 'indicators.parquet');
  const { rows, bytes } = await writeParquet(ctx.conn, spec, file);
  return {
    name: 'indicators',
    file: 'indicators.parquet',
    rows,
    bytes,
    synthetic: false,
    provenance:
      'Catalogue des indicateurs de l’observatoire, écrit depuis src/catalogue/indicators.ts (définitions, formules, niveaux de validité, sources).',
  };
}
