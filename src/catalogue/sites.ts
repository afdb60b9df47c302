/**
 * The four experimental sites of the convention, defined by their real member communes
 * (COG 2025 codes). The pipeline tags `territories.site` from this list; the app reads the tag.
 */
import type { SiteId } from './schema';

export interface SiteDefinition {
  readonly id: SiteId;
  readonly name: string;
  readonly description: string;
  /** Member communes (Insee codes). Empty when the site is an EPCI taken whole (`epci`). */
  readonly communes: readonly string[];
  /** SIREN of an EPCI (or EPT) whose member communes make the site, resolved by the pipeline. */
  readonly epci?: string;
}

export const SITE_DEFINITIONS: readonly SiteDefinition[] = [
  {
    id: 'plaine_commune',
    name: 'Plaine Commune',
    description:
      'Établissement public territorial de Seine-Saint-Denis (Aubervilliers, Saint-Denis, La Courneuve…) ; Saint-Denis a absorbé Pierrefitte-sur-Seine au 1er janvier 2025.',
    communes: [],
    epci: '200057867',
  },
  {
    id: 'vaulx_en_velin',
    name: 'Vaulx-en-Velin',
    description: 'Commune de la Métropole de Lyon.',
    communes: ['69256'],
  },
  {
    id: 'ouest_provence',
    name: 'Ouest Provence',
    description:
      'Les six communes de l’ancien SAN Ouest Provence, intégré à la Métropole Aix-Marseille-Provence en 2016.',
    communes: ['13047', '13063', '13039', '13078', '13029', '13044'],
  },
  {
    id: 'lens_lievin',
    name: 'CA de Lens-Liévin',
    description:
      'Communauté d’agglomération de Lens-Liévin (Pas-de-Calais), intercommunalité du Nord-Pas-de-Calais retenue par l’équipe pour la démonstration.',
    communes: [],
    epci: '246200364',
  },
];
