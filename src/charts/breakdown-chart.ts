/**
 * One territory's indicator broken down by a dimension (criterion, domain, channel, benefit or
 * QPV vs the rest of the commune): horizontal bars sorted by value, suppressed keys listed with
 * « secret stat. » instead of a bar.
 */
import * as Plot from '@observablehq/plot';
import type { Table } from 'apache-arrow';
import type { IndicatorDefinition } from '../catalogue';
import { formatNumber } from '../format';
import { flags, nullableStrings, numbers } from './arrow-columns';

export interface BreakdownChartOptions {
  readonly width: number;
  readonly indicator: Pick<IndicatorDefinition, 'unit' | 'decimals'>;
  /** French label of a breakdown key (`null` key = « hors QPV » or « non renseigné »). */
  readonly labelOf: (key: string | null) => string;
  /** Key drawn in the accent colour (e.g. the QPV itself). */
  readonly highlight?: string | null;
  /** A reference value drawn as a rule (e.g. France). */
  readonly reference?: { readonly value: number; readonly label: string } | null;
}

export interface BreakdownRow {
  readonly key: string | null;
  readonly label: string;
  readonly value: number;
  readonly suppressed: boolean;
}

/** Rows of a breakdown, sorted by value (suppressed last), for the chart and the data table. */
export function deriveBreakdown(
  table: Table,
  labelOf: (key: string | null) => string,
): BreakdownRow[] {
  const keys = nullableStrings(table, 'key');
  const values = numbers(table, 'value');
  const hidden = flags(table, 'suppressed');
  return keys
    .map((key, i) => ({
      key,
      label: labelOf(key),
      value: values[i] ?? NaN,
      suppressed: hidden[i] ?? false,
    }))
    .sort((a, b) =>
      Number.isNaN(a.value) === Number.isNaN(b.value)
        ? Number.isNaN(a.value)
          ? a.label.localeCompare(b.label, 'fr')
          : b.value - a.value
        : Number.isNaN(a.value)
          ? 1
          : -1,
    );
}

export function breakdownChart(table: Table, opts: BreakdownChartOptions): Plot.PlotOptions {
  const rows = deriveBreakdown(table, opts.labelOf);
  const d = opts.indicator.decimals;
  const longest = Math.max(0, ...rows.map((r) => r.label.length));
  const shown = rows.filter((r) => !Number.isNaN(r.value));
  const max = Math.max(0, ...shown.map((r) => r.value), opts.reference?.value ?? 0);
  return {
    width: opts.width,
    height: 28 + rows.length * 22,
    // Long labels never take more than 45 % of a narrow panel (Plot would draw negative widths).
    marginLeft: Math.min(260, 12 + longest * 6.2, Math.floor(opts.width * 0.45)),
    marginRight: Math.min(70, Math.floor(opts.width * 0.2)),
    style: { fontFamily: 'Marianne, arial, sans-serif', fontSize: '12px' },
    x: {
      label: opts.indicator.unit,
      grid: true,
      domain: [0, max || 1],
      nice: true,
      tickFormat: (v: number) => formatNumber(v, { decimals: 0 }),
    },
    y: { label: null, domain: rows.map((r) => r.label) },
    marks: [
      Plot.barX(shown, {
        x: 'value',
        y: 'label',
        fill: (r: BreakdownRow) =>
          opts.highlight !== undefined && r.key === opts.highlight ? '#e1000f' : '#000091',
      }),
      Plot.text(rows, {
        x: (r: BreakdownRow) => (Number.isNaN(r.value) ? 0 : r.value),
        y: 'label',
        text: (r: BreakdownRow) =>
          r.suppressed
            ? 'secret stat.'
            : Number.isNaN(r.value)
              ? '—'
              : formatNumber(r.value, { decimals: d }),
        textAnchor: 'start',
        dx: 4,
        fill: '#3a3a3a',
      }),
      opts.reference
        ? [
            Plot.ruleX([opts.reference.value], { stroke: '#e1000f', strokeDasharray: '3,3' }),
            Plot.text([opts.reference.label], {
              x: opts.reference.value,
              frameAnchor: 'bottom',
              dy: 14,
              fontSize: 10,
              fill: '#e1000f',
            }),
          ]
        : null,
      Plot.ruleX([0]),
    ],
  };
}
