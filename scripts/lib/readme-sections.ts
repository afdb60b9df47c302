/**
 * Hand-written sections of data/README.md (French): where the reference data come from, what is
 * synthetic and how it is calibrated. The per-table documentation is generated from
 * src/catalogue by scripts/data-readme.ts.
 */
import { SITE_DEFINITIONS, SYNTHETIC_NOTE } from '../../src/catalogue';
import { LEVEL_SETTINGS } from '../geo';
import { TILED_LEVELS } from './tiles';
import { CLAIMS_PER_YEAR } from './calibration';
import { INSETS } from './display';
import { DEMO_QPV_POPULATION, DEMO_QPV_TOTAL } from './qpv-demo';

const fmt = (n: number): string => n.toLocaleString('fr-FR').replace(/\u202f|\u00a0/g, ' ');

export const INTRO = `# Données de l’Observatoire

Ce dossier contient le jeu de données que charge le tableau de bord : cinq tables Parquet, des
géométries GeoJSON par niveau territorial et un fichier \`manifest.json\` (type \`DatasetManifest\`,
\`src/catalogue/dataset.ts\`) qui liste les fichiers, leur nombre de lignes, leur taille, leur
provenance et le caractère synthétique de chacun. Seuls ce README et \`fixtures/\` (petit jeu
fait à la main pour les tests) sont versionnés : tout le reste est produit par le pipeline.
La règle de secret statistique appliquée par la couche de requêtes, ce qu’elle garantit et ses
limites connues sont décrites dans [README.suppression.md](README.suppression.md).

> **${SYNTHETIC_NOTE}**

## Construire les données

\`\`\`sh
npm run data                 # tout le jeu (≈ 40 s), dans data/
npm run data -- --no-geo     # sans les géométries
npm run data -- --departements 93,69,13   # quelques départements (tests rapides)
npm run data -- --scale 250 --no-geo --out /tmp/bench   # faits ×250 : cases ≈ 11,5 millions de lignes
npm run data -- --seed 7     # autre graine (défaut : 2015)
npm run data:ensure          # ne fait rien si data/manifest.json est complet
npm run data:fetch           # télécharge les données de référence dans GEODATA_DIR
\`\`\`

Le pipeline (\`scripts/\`, TypeScript sur DuckDB natif) a un chargeur par fichier produit
(\`territories.parquet.ts\`, \`cases.parquet.ts\`, \`non_recours.parquet.ts\`,
\`services.parquet.ts\`, \`indicators.parquet.ts\`, \`geo.ts\`, \`manifest.ts\`), orchestrés par
\`build-all.ts\`. Les tables sont créées avec le DDL du contrat (\`columnsDdl\`,
\`src/catalogue/schema.ts\`), écrites triées par leur clé (Parquet, compression zstd) : même
graine, même contenu. Ce README est régénéré par \`npx tsx scripts/data-readme.ts\` ; un test
vérifie qu’il est à jour.
`;

export const SOURCES = `## Sources et licences

- **Référentiel géographique** : Code officiel géographique (COG) 2026 de l’Insee — régions,
  départements, communes actuelles avec leur population municipale, EPCI à fiscalité propre et
  établissements publics territoriaux (EPT) du Grand Paris — lu dans le paquet npm
  \`@etalab/decoupage-administratif\` (Etalab, Licence Ouverte). Les collectivités d’outre-mer
  (Saint-Pierre-et-Miquelon, Polynésie…) sont hors du champ de l’observatoire.
- **Contours** : IGN Admin Express COG 2018, simplifiés par le dépôt public
  \`gregoiredavid/france-geojson\` (Licence Ouverte Etalab, conditions d’IGN Admin Express), lus
  dans \`GEODATA_DIR\` (par défaut \`../shared/geodata\`, voir son \`SOURCES.md\`). Millésime 2018 :
  les polygones des communes de 2018 sont regroupés (fusion mapshaper) en communes actuelles
  grâce aux \`anciensCodes\` du COG. Quelques communes rétablies depuis 2018 n’ont pas de contour
  propre (7 en 2026 : elles figurent dans \`territories\` sans superficie ni centroïde et sont
  listées dans \`manifest.json\`). Aucun fichier de \`GEODATA_DIR\`, ni rien de dérivé, n’est versionné.
- **QPV officiels** : la liste et les contours de l’ANCT (data.gouv.fr, « Quartiers prioritaires
  de la politique de la ville (QPV) ») ne sont pas dans \`GEODATA_DIR\`. Un fichier \`qpv*.geojson\`
  (attributs \`code_qp\` ou \`code_quartier\`, nom, commune) placé dans ce dossier est lu à la place
  des QPV de démonstration ; \`npm run data:fetch\` connaît son adresse publique.
- **Calibrage** : agrégats nationaux publiés rassemblés dans \`../shared/calibration.md\`
  (Défenseur des droits, DREES, DARES, Insee/ONPV, ANCT), avec leur source.
`;

export const DERIVED = `## Ce qui est dérivé

- **Superficie et centroïde** : calculés sur les contours (aire sphérique ; le centroïde est un
  point intérieur, en longitude/latitude WGS84 vraies — les départements et régions d’outre-mer
  ne sont déplacés que dans les fichiers de géométrie).
- **Ruralité** (\`rurality_source = 'derivee_densite'\`) : la grille communale de densité de
  l’Insee se calcule sur des carreaux de 1 km² qui ne sont pas disponibles ici ; la classe est
  approchée par la densité de la commune (population / superficie) : *dense* si densité ≥ 1 500
  hab./km² et population ≥ 10 000, ou densité ≥ 3 000 et population ≥ 5 000 ; *intermédiaire*
  si densité ≥ 180 et population ≥ 2 000, ou densité ≥ 600 ; *très peu dense* si densité < 20 ;
  *peu dense* sinon. Répartition obtenue : ≈ 35 % de la population en commune dense, 33 %
  intermédiaire, 30 % peu dense, 3 % très peu dense (grille officielle : ≈ 38 / 29 / 30 / 3 %).
  Une grille officielle fournie plus tard prendrait la valeur \`grille_insee\`.
- **Sites expérimentaux** : ${SITE_DEFINITIONS.map((s) => `*${s.name}* (${s.epci ? `membres de l’intercommunalité ${s.epci}` : `communes ${s.communes.join(', ')}`})`).join(' ; ')}.
  Plaine Commune est un EPT (\`ept.json\`) : ses communes gardent comme EPCI la Métropole du
  Grand Paris. Pour le Nord-Pas-de-Calais, l’équipe a retenu la **communauté d’agglomération de
  Lens-Liévin** (36 communes du bassin minier, Pas-de-Calais) : intercommunalité urbaine à forte
  densité de QPV, représentative de l’ancien bassin minier, distincte de la Métropole lilloise.
- **Géométrie** (\`geo/\`) : communes = polygones 2018 fusionnés en communes actuelles ; EPCI,
  départements et régions = fusion de ces communes, pour que les limites coïncident ; chaque
  niveau est simplifié (Visvalingam, mapshaper, formes conservées) à une taille adaptée au
  navigateur : ${Object.entries(LEVEL_SETTINGS)
    .map(([l, s]) => `${l} ${s.keep} des sommets (budget ${fmt(s.budget / 1000)} ko)`)
    .join(', ')} ;
  coordonnées arrondies à 0,0001°. Propriétés : \`code\` (= \`territories.code\`) et \`name\`.
  Les fichiers \`<niveau>-points.geojson\` donnent un point d’étiquette intérieur par territoire
  (\`code\`, \`name\`, \`population\`). Les communes sont en plus découpées en tuiles vectorielles
  (\`geo/tiles/\`, zooms 0 à ${TILED_LEVELS.commune?.maxzoom ?? '?'}) par la bibliothèque qui découpe un GeoJSON dans MapLibre,
  avec les mêmes réglages : la carte ne charge que les tuiles à l’écran au lieu du fichier
  entier.
- **Outre-mer en médaillons** : les cinq DROM sont déplacés et mis à l’échelle (en projection
  Web Mercator, pour garder leurs proportions) dans une colonne au large de la Bretagne et du
  golfe de Gascogne : ${Object.entries(INSETS)
    .map(([d, i]) => `${d} ×${String(i.scale).replace('.', ',')}`)
    .join(', ')}. La même transformation
  s’applique à leurs QPV et à leurs points d’étiquette. Les coordonnées de \`territories\` et de
  \`services\` restent les vraies (WGS84) : une carte qui y place des symboles applique la même
  transformation (\`scripts/lib/display.ts\`).
`;

export const SYNTHETIC = `## Ce qui est synthétique, et comment c’est calibré

Tout ce qui est marqué \`synthetic\` est **fictif** ; le manifeste porte la mention
« DONNÉES SYNTHÉTIQUES », que l’application affiche sur chaque vue, export et rapport. Les
tirages viennent d’un générateur pseudo-aléatoire à graine (sfc32, \`scripts/lib/random.ts\`),
un flux par table, année ou département : même graine, mêmes fichiers. Les QPV et les lieux
d’accueil d’un département sont les mêmes que le jeu soit national ou restreint à quelques
départements (\`--departements\`) ; les faits, eux, sont tirés sur l’ensemble des lieux retenus.

- **QPV de démonstration** (codes \`QPDEMO0001\`…, que personne ne peut prendre pour des codes
  réels, millésime « QPV de démonstration ») : ${fmt(DEMO_QPV_TOTAL)} quartiers et ≈ ${fmt(DEMO_QPV_POPULATION / 1e6)} millions
  d’habitants (5,4 M en 2018 selon l’Insee), dans des communes denses ou intermédiaires d’au
  moins 5 000 habitants ; nombre par département calé sur les listes publiées quand
  calibration.md les donne (93 : 75, 59 : 94, 13 : 71, 62 : 64, 69 : 48, 95 : 41, La Réunion : 49,
  Mayotte : 36), le reste réparti selon la population urbaine ; population par QPV log-normale,
  au plus 60 % de la commune. Sites : Vaulx-en-Velin 4 QPV, Ouest Provence 3 (Istres 1,
  Miramas 2), plusieurs à Plaine Commune et dans la CA de Lens-Liévin. Chaque contour est un
  petit polygone irrégulier, entièrement à l’intérieur de sa commune (vérifié sommet par sommet).
- **Réclamations** (\`cases\`) : totaux nationaux annuels exactement ceux publiés
  (${Object.entries(CLAIMS_PER_YEAR)
    .map(([y, n]) => `${y} : ${fmt(n)}`)
    .join(' ; ')}) ; parts par critère et par
  domaine exactement celles publiées pour l’année quand elles existent (sinon estimées, voir
  tableau), réparties au hasard entre les réclamations, puis quelques étiquettes échangées pour
  que l’origine (≈ 25 % contre 14 %) et le lieu de résidence pèsent plus parmi les réclamations
  d’habitants des QPV, sans changer les parts nationales ; allocation aux lieux (partie hors QPV
  de chaque commune, chaque QPV) par un tirage multinomial proportionnel à population ×
  propension selon la densité (dense 1,25 ; intermédiaire 1 ; peu dense 0,75 ; très peu dense
  0,65) × sur-exposition des habitants des QPV (1,45), ce qui donne ≈ 12 % des réclamations
  venant de QPV ; mois tiré avec une saisonnalité (creux d’août −30 %, confinement de 2020, pic
  de juin 2024) ; canal : délégués 78 % et siège 22 % avant la plateforme, puis 39 28 à partir de
  février 2021 (30 % en 2021 → 40 % en 2024). Seules les cellules non nulles sont écrites.
- **Non-recours** (\`non_recours\`) : population éligible = tirage de Poisson autour de
  population × part d’éligibles (plus élevée en QPV) ; non-recourants = tirage binomial à un taux
  qui porte les écarts relatifs publiés (RSA plus faible en QPV, locataires HLM ; plus élevé en
  zone rurale) et un effet local stable par commune, recalé chaque année pour que le taux
  national soit la cible. Prestations présentes à partir de leur création (prime d’activité
  2016, chèque énergie généralisé 2018, complémentaire santé solidaire 2020). Les lignes sans
  éligible sont omises.
- **Lieux d’accueil** (\`services\`, identifiants \`FSDEMO…\`) : nombres par département planifiés
  nationalement ; dates d’ouverture suivant les comptages publiés (courbes dans
  \`scripts/lib/calibration.ts\`) ; deux tiers des MSAP relabellisées France services au même
  endroit entre fin 2019 et fin 2021 (la ligne MSAP se ferme le jour où la France services
  ouvre), les autres fermées avant 2022 ; ≈ 60 % des France services en commune rurale, ≈ 18 %
  dans un QPV ; permanences des délégués dans des communes tirées selon la population.

### Cibles de calibrage

Légende : **V** = chiffre publié (source dans calibration.md) ; **E** = estimation de l’équipe.

| Mesure | Cible | Statut |
|---|---|---|
| Réclamations pour discrimination par an | 2015 ≈ 4 850 … 2024 : 5 679 (tableau ci-dessus) | V |
| Parts par critère (handicap, origine, état de santé…) | valeurs publiées par année ; 2015 et 2021 interpolées | V / E |
| Parts par domaine (emploi privé, emploi public) | 2019–2024 publiées ; 2015–2018 et autres domaines | V / E |
| Canal : plateforme 39 28 | 0 avant février 2021, 30 → 40 % ensuite | E |
| Réclamations venant de QPV | ≈ 10–15 % | E |
| Non-recours RSA | 34 % (2018), légère baisse dans le temps | V |
| Non-recours prime d’activité | 27 % | V |
| Non-recours CSS sans / avec participation | 31 % / 72 % (2020) puis 67 % | V |
| Non-recours ASPA | 50 % (2016) | V |
| Non-recours assurance chômage (ARE) | 30 % (fourchette 25–42 %) | V |
| Non-recours AAH | 15 % | **E** |
| Non-recours aides au logement | 12 % | **E** |
| Non-recours chèque énergie | 22 % | **E** |
| Parts d’éligibles dans la population (toutes prestations) | ordres de grandeur | **E** |
| MSAP | 1 000 fin 2016 (objectif), 1 340 fin 2018 | V |
| France services | 460 fin 2019, 2 055 (janv. 2022), 2 377 (août 2022), 2 840 (fin 2023) ; 63 % rurales, 18 % en QPV | V |
| Permanences des délégués | 874 (2019), plus de 1 000 (2024) | V |
`;
