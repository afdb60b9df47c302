/**
 * Generates data/README.md: hand-written provenance sections (scripts/lib/readme-sections.ts)
 * and the contract of every table, generated from src/catalogue so the two never drift.
 * `--check` exits with an error when data/README.md is not up to date (CI, tests).
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  BENEFIT_LABELS,
  CHANNEL_LABELS,
  CODE_LISTS,
  CONFIDENTIALITY,
  CRITERION_LABELS,
  DENSITY_LEVEL_LABELS,
  DIMENSION_LABELS,
  DOMAIN_LABELS,
  FRR_LABELS,
  LEVEL_LABELS,
  PART_LABELS,
  QPV_STATUS_LABELS,
  RURALITY_LABELS,
  SERVICE_FORMAT_LABELS,
  SERVICE_ROLE_LABELS,
  SERVICE_TYPE_LABELS,
  SITE_LABELS,
  TABLES,
  TABLE_NAMES,
  ZRR_LABELS,
  type CodeListKey,
  type TableSpec,
} from '../src/catalogue';
import { REPO_ROOT } from './lib/options';
import { DERIVED, INTRO, SOURCES, SYNTHETIC } from './lib/readme-sections';

export const README_PATH = path.join(REPO_ROOT, 'data', 'README.md');

const LABELS: Partial<Record<CodeListKey, Readonly<Record<string, string>>>> = {
  level: LEVEL_LABELS,
  criterion: CRITERION_LABELS,
  domain: DOMAIN_LABELS,
  channel: CHANNEL_LABELS,
  benefit: BENEFIT_LABELS,
  rurality: RURALITY_LABELS,
  service_type: SERVICE_TYPE_LABELS,
  site: SITE_LABELS,
  part: PART_LABELS,
  dimension: DIMENSION_LABELS,
  density_level: DENSITY_LEVEL_LABELS,
  frr: FRR_LABELS,
  zrr: ZRR_LABELS,
  qpv_status: QPV_STATUS_LABELS,
  service_role: SERVICE_ROLE_LABELS,
  service_format: SERVICE_FORMAT_LABELS,
};

const cell = (text: string): string => text.replaceAll('|', '\\|').replaceAll('\n', ' ');

const PROVENANCE: Readonly<Record<string, string>> = {
  territories:
    'COG 2026 (Insee, via @etalab/decoupage-administratif, Licence Ouverte) ; contours IGN Admin Express COG 2018 (france-geojson) ; grille de densité de l’Insee, FRR, ZRR ; listes QPV 2015 (déduite) et 2024 de l’ANCT ; populations des QPV synthétiques (voir plus bas).',
  populations:
    'Populations municipales (COG) regroupées par partie ; parties QPV et hors QPV sur les populations synthétiques des QPV.',
  cases:
    'DONNÉES SYNTHÉTIQUES calibrées sur les rapports annuels du Défenseur des droits, publiées après secret statistique (voir plus bas et README.suppression.md).',
  non_recours:
    'DONNÉES SYNTHÉTIQUES calibrées sur les études de la DREES et de la DARES, publiées après secret statistique.',
  services: 'Liste des France services de l’ANCT au 1er août 2024 (Licence Ouverte).',
  indicators: 'Catalogue de l’observatoire, écrit depuis src/catalogue/indicators.ts.',
  cases_grain: 'Fichier interne (jamais publié) : le jeu de démonstration le tire au hasard.',
  non_recours_grain: 'Fichier interne (jamais publié) : le jeu de démonstration le tire au hasard.',
};

const VINTAGE: Readonly<Record<string, string>> = {
  territories: 'COG 2026 ; contours 2018 ; listes QPV 2015 et 2024 ; FRR 2025 ; ZRR 2017',
  populations: 'COG 2026 ; périodes de validité des listes QPV',
  cases: '2015–2024, par an',
  non_recours: '2015–2024, par an',
  services: 'labellisations 2020–2024 (liste du 1er août 2024)',
  indicators: 'version du catalogue',
  cases_grain: '2015–2024, par mois',
  non_recours_grain: '2015–2024, par an',
};

function tableSection(spec: TableSpec): string {
  const rule = (CONFIDENTIALITY as Record<string, { minCount: number; minDenominator: number }>)[
    spec.name
  ];
  const lines = [
    `### \`${spec.name}\` — ${spec.label}`,
    '',
    spec.description,
    '',
    `- **Fichier** : \`${spec.name}.parquet\``,
    `- **Grain** : ${spec.grain}`,
    `- **Clé** : ${spec.key.map((k) => `\`${k}\``).join(', ')}`,
    `- **Provenance** : ${PROVENANCE[spec.name] ?? ''}`,
    `- **Millésime** : ${VINTAGE[spec.name] ?? ''}`,
    `- **Licence** : ${spec.name === 'territories' || spec.name === 'services' ? 'Licence Ouverte (Etalab) pour les données de référence ; populations des QPV de démonstration libres de réutilisation' : 'données de démonstration, libres de réutilisation'}`,
    `- **Secret statistique** : ${spec.suppression}${rule ? ` (seuils : effectif minimal ${rule.minCount}${rule.minDenominator ? `, dénominateur minimal ${rule.minDenominator}` : ''})` : ''}`,
    '',
    '| Colonne | Type | Vide possible | Unité | Description | Valeurs |',
    '|---|---|---|---|---|---|',
    ...spec.columns.map((c) => {
      const values = c.codes
        ? `liste \`${c.codes}\``
        : c.references
          ? `code de \`territories\` (niveau ${c.references})`
          : c.min !== undefined
            ? `≥ ${c.min}`
            : '';
      return `| \`${c.name}\` | ${c.type} | ${c.nullable ? 'oui' : 'non'} | ${c.unit ?? ''} | ${cell(c.description)} | ${values} |`;
    }),
    '',
  ];
  return lines.join('\n');
}

function codeLists(): string {
  const out = ['## Listes de codes', ''];
  for (const [key, codes] of Object.entries(CODE_LISTS) as [CodeListKey, readonly string[]][]) {
    const labels = LABELS[key];
    out.push(
      `- **\`${key}\`** : ${codes.map((c) => (labels?.[c] ? `\`${c}\` (${labels[c]})` : `\`${c}\``)).join(', ')}`,
    );
  }
  out.push('');
  return out.join('\n');
}

export function renderReadme(): string {
  return [
    INTRO,
    SOURCES,
    DERIVED,
    SYNTHETIC,
    '## Tables publiées (contrat, généré depuis `src/catalogue`)\n',
    `Types DuckDB/Parquet. \`cases\` et \`non_recours\` sont des cellules publiées : un territoire d’un niveau, une partie, une année et une ventilation, avec \`suppressed\` vrai et des mesures vides quand la cellule est secrète. Les réclamations par critère, domaine ou canal sont publiées pour la France, les régions, les départements et les sites (un axe à la fois) ; les communes et les QPV ont leur total (et, pour une commune, sa partie QPV et hors QPV les années où elle a un QPV en vigueur) : la partie rurale, FRR ou ZRR d’une commune est la commune elle-même ou rien.\n`,
    ...TABLE_NAMES.map((t) => tableSection(TABLES[t])),
    '## Tables internes (grain fin, jamais publiées)\n',
    'Le format des fichiers internes de l’observatoire, que lit l’étape de publication, et des fichiers personnels qu’un utilisateur peut charger dans son navigateur (agrégés sur place, jamais masqués : ce sont les siens).\n',
    ...(['cases_grain', 'non_recours_grain'] as const).map((t) => tableSection(TABLES[t])),
    codeLists(),
    '## Géométries\n',
    '`geo/<niveau>.geojson` pour region, departement, epci, commune et qpv (FeatureCollection, propriétés `code` et `name`, coordonnées d’affichage ; pour qpv, les seuls contours officiels) et `geo/<niveau>-points.geojson` (points d’étiquette : `code`, `name`, `population` ; pour qpv, un point par QPV des deux listes avec `list`, `valid_from`, `valid_to`, `position` et `offset`). Tailles et nombres d’entités : voir `manifest.json` (`geometry`, et `pointPosition` pour les QPV).\n',
    'Facultatif : un niveau trop lourd pour un seul fichier (les communes du jeu de démonstration) est aussi découpé en tuiles vectorielles (Mapbox Vector Tile 2, tuiles de 512 px, `geo/tiles/<niveau>/{z}/{x}/{y}.pbf`, couche `areas`, et `geo/tiles/<niveau>-points/…`, couche `points`, mêmes propriétés), listées par `geometry[].tiles` ; la carte ne lit alors que les tuiles à l’écran. Sans `tiles`, elle lit le GeoJSON.\n',
    '## Premières vues précalculées\n',
    '`prebaked/index.json` et `prebaked/<empreinte>.arrow` (écrits par `scripts/prebake.ts` après le manifeste) : le résultat des premières requêtes de la vue Carte par défaut — exactement le SQL qu’envoie l’application, secret statistique compris —, un flux Arrow IPC par requête, indexé par le texte SQL et par l’empreinte du `manifest.json` sur lequel il a été calculé. La première carte s’affiche depuis ces fichiers pendant que DuckDB-WASM démarre ; ils ne servent jamais avec les fichiers personnels d’un utilisateur ni avec un autre jeu de données (empreinte différente). `scripts/prebake.test.ts` vérifie que chacun est égal au résultat calculé en direct.\n',
  ].join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const text = renderReadme();
  if (process.argv.includes('--check')) {
    const current = fs.existsSync(README_PATH) ? fs.readFileSync(README_PATH, 'utf8') : '';
    if (current !== text) {
      console.error('data/README.md n’est pas à jour : lancez « npx tsx scripts/data-readme.ts ».');
      process.exitCode = 1;
    }
  } else {
    fs.writeFileSync(README_PATH, text);
    console.log(`Écrit : ${README_PATH}`);
  }
}
