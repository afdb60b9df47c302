/**
 * The menu a figure shows beside its title. Figures sit below the export floor, so they do not
 * import the export menu: the app shell provides it here (src/app/App.tsx), and every figure under
 * the shell shows it. Without a provider (a figure rendered alone) there is no menu.
 */
import { createContext, type ComponentType } from 'react';

export interface FigureMenuProps {
  readonly title: string;
  readonly subtitle: string;
  /** The SQL the figure runs; exports run the same text. */
  readonly sql: string | null;
  readonly fileStem: string;
  readonly getSvg: () => SVGSVGElement | null;
}

export const FigureMenu = createContext<ComponentType<FigureMenuProps> | null>(null);
