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
  DOMAIN_LABELS,
  LEVEL_LABELS,
  RURALITY_LABELS,
  SERVICE_TYPE_LABELS,
  SITE_LABELS,
  TABLES,
  TABLE_NAMES,
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
};

const cell = (text: string): string => text.replaceAll('|', '\\|').replaceAll('\n', ' ');

const PROVENANCE: Readonly<Record<string, string>> = {
  territories:
    'COG 2026 (Insee, via @etalab/decoupage-administratif, Licence Ouverte) ; superficies et centroïdes sur les contours IGN Admin Express COG 2018 (france-geojson, Licence Ouverte) ; ruralité dérivée de la densité ; QPV de démonstration (synthetic = vrai) tant que la liste officielle n’est pas fournie.',
  cases:
    'DONNÉES SYNTHÉTIQUES calibrées sur les rapports annuels du Défenseur des droits (voir plus bas).',
  non_recours:
    'DONNÉES SYNTHÉTIQUES calibrées sur les études de la DREES et de la DARES (voir plus bas).',
  services:
    'DONNÉES SYNTHÉTIQUES (lieux fictifs FSDEMO…) calibrées sur les comptages publiés de l’ANCT et du Défenseur des droits.',
  indicators: 'Catalogue de l’observatoire, écrit depuis src/catalogue/indicators.ts.',
};

const VINTAGE: Readonly<Record<string, string>> = {
  territories: 'COG 2026 ; contours 2018 ; QPV de démonstration',
  cases: '2015–2024, par mois',
  non_recours: '2015–2024, par an',
  services: 'ouvertures 2008–2024',
  indicators: 'version du catalogue',
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
    `- **Licence** : ${spec.name === 'territories' ? 'Licence Ouverte (Etalab) pour le référentiel ; données de démonstration libres de réutilisation' : 'données de démonstration, libres de réutilisation'}`,
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
    '## Tables (contrat, généré depuis `src/catalogue`)\n',
    `Types DuckDB/Parquet ; les tables de faits sont au grain le plus fin (commune et, pour les habitants d’un QPV, le QPV ; \`qpv_code\` vide = partie de la commune hors QPV) ; les niveaux supérieurs s’obtiennent par agrégation via les codes parents de \`territories\`.\n`,
    ...TABLE_NAMES.map((t) => tableSection(TABLES[t])),
    codeLists(),
    '## Géométries\n',
    '`geo/<niveau>.geojson` pour region, departement, epci, commune et qpv (FeatureCollection, propriétés `code` et `name`, coordonnées d’affichage) et `geo/<niveau>-points.geojson` (points d’étiquette : `code`, `name`, `population`). Tailles et nombres d’entités : voir `manifest.json` (`geometry`).\n',
    'Facultatif : un niveau trop lourd pour un seul fichier (les communes du jeu de démonstration) est aussi découpé en tuiles vectorielles (Mapbox Vector Tile 2, tuiles de 512 px, `geo/tiles/<niveau>/{z}/{x}/{y}.pbf`, couche `areas`, et `geo/tiles/<niveau>-points/…`, couche `points`, mêmes propriétés), listées par `geometry[].tiles` ; la carte ne lit alors que les tuiles à l’écran. Sans `tiles`, elle lit le GeoJSON.\n',
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
