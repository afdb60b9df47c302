/**
 * A chart as users get it everywhere: title, the Plot SVG, its data table one click away, source,
 * vintage and the synthetic note, and the export menu (SVG/PNG/CSV/Parquet/SQL…). The chart is
 * drawn from pure Plot options; the figure only measures its width and mounts the SVG.
 */
import type * as Plot from '@observablehq/plot';
import { useContext, useMemo, type JSX, type ReactNode } from 'react';
import { SYNTHETIC_NOTE } from '../catalogue';
import { useProvenance } from '../db';
import { TableDisclosure } from '../components/TableDisclosure';
import { FigureMenu } from './figure-menu';
import { PlotFigure } from './PlotFigure';
import { useWidth } from './useWidth';

export interface ChartFigureProps {
  readonly title: string;
  readonly subtitle: string;
  /** Builds Plot options for a width in pixels (null when there is nothing to draw). */
  readonly build: (width: number) => Plot.PlotOptions | null;
  /** The data table (accessible alternative). */
  readonly table: ReactNode;
  readonly source: string;
  readonly vintage: string;
  readonly synthetic: boolean;
  readonly sql: string | null;
  readonly fileStem: string;
  /** Notes under the chart (gaps for suppressed years, base year…). */
  readonly notes?: readonly string[];
  readonly headingLevel?: 'h2' | 'h3' | 'h4';
  /** Shown instead of the chart when there is no data. */
  readonly empty?: string | null;
}

export function ChartFigure(props: ChartFigureProps): JSX.Element {
  const [box, width] = useWidth();
  const H = props.headingLevel ?? 'h3';
  const { build } = props;
  const Menu = useContext(FigureMenu);
  // The note follows the tables the chart reads (an own file is not synthetic); until their plan
  // is known, what the view says.
  const synthetic = useProvenance(props.sql)?.synthetic ?? props.synthetic;

  const options = useMemo(() => (width > 0 ? build(width) : null), [build, width]);

  return (
    <figure className="observatoire-chart fr-mb-4w" data-chart={props.fileStem}>
      <div className="observatoire-chart__head">
        <H className="fr-h6 fr-mb-1v">{props.title}</H>
        {Menu && (
          <Menu
            title={props.title}
            subtitle={props.subtitle}
            sql={props.sql}
            fileStem={props.fileStem}
            getSvg={() => box.current?.querySelector('svg') ?? null}
          />
        )}
      </div>
      <p className="fr-text--sm fr-mb-1w">{props.subtitle}</p>
      {props.empty ? <p className="fr-text--sm observatoire-chart__empty">{props.empty}</p> : null}
      <PlotFigure
        options={options}
        title={props.title}
        boxRef={box}
        className="observatoire-chart__plot"
        hidden={Boolean(props.empty)}
      />
      <figcaption className="fr-text--xs fr-mt-1w">
        {props.notes?.map((n) => (
          <span key={n} className="observatoire-chart__note">
            {n}{' '}
          </span>
        ))}
        Source : {props.source} ({props.vintage}).
        {synthetic && <strong className="observatoire-synthetic"> {SYNTHETIC_NOTE}</strong>}
      </figcaption>
      <TableDisclosure show="Afficher le tableau de données" hide="Masquer le tableau de données">
        {props.table}
      </TableDisclosure>
    </figure>
  );
}
