/** The sentences under and beside the Carte view's maps. */
import { qpvListInForce } from '../../catalogue';

/** The QPV list(s) in force in `year`, as the note under the map says it. */
export function qpvListsText(year: number): string {
  const metropole = qpvListInForce(year, '75');
  const overseas = qpvListInForce(year, '971');
  return metropole === overseas
    ? `liste ${metropole}`
    : `liste ${metropole} (liste ${overseas} outre-mer)`;
}

/** Legend lines of two maps side by side: whether their colours compare. */
export const SHARED_CLASSES_NOTE =
  'Classification commune aux deux cartes : une même couleur désigne les mêmes valeurs sur chacune.';
export const OWN_CLASSES_NOTE =
  'Indicateurs de nature ou d’unité différentes : chaque carte a ses propres classes, les couleurs ne se comparent pas d’une carte à l’autre.';
