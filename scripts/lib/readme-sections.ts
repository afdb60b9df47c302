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
import { QPV_POPULATION_TARGETS } from './qpv-population';
import { REFERENCES } from './reference/sources';

const fmt = (n: number): string => n.toLocaleString('fr-FR').replace(/\u202f|\u00a0/g, ' ');

export const INTRO = `# Données de l’Observatoire

Ce dossier contient le **jeu publié** que charge le tableau de bord : six tables Parquet, des
géométries GeoJSON par niveau territorial et un fichier \`manifest.json\` (type
\`DatasetManifest\`, \`src/catalogue/dataset.ts\`) qui liste les fichiers, leur nombre de lignes,
leur taille, leur provenance, le caractère synthétique de chacun, les fichiers de référence lus
et le bilan du secret statistique. Seuls ce README, [README.suppression.md](README.suppression.md)
et \`fixtures/\` (petit jeu fait à la main pour les tests) sont versionnés : tout le reste est
produit par le pipeline.

Le navigateur ne reçoit **que la publication** : des cellules agrégées (par territoire, partie
de territoire, année et ventilation) dont le secret statistique a été décidé par le pipeline,
conjointement sur tous les niveaux, parties, sites et ventilations, puis vérifié par un audit
d’algèbre linéaire exacte. Le grain fin (réclamations par commune, QPV, critère, domaine, canal
et mois ; non-recours par commune, QPV et prestation) n’est jamais écrit dans ce dossier. La
méthode, ses garanties, son coût et ses limites sont décrits dans
[README.suppression.md](README.suppression.md).

> **${SYNTHETIC_NOTE}**

## Construire les données

\`\`\`sh
npm run data                 # tout le jeu publié, dans data/
npm run data -- --no-geo     # sans les géométries
npm run data -- --departements 93,69,13   # quelques départements (tests rapides)
npm run data -- --scale 250 --no-geo --out /tmp/bench   # faits ×250 (banc d’essai)
npm run data -- --seed 7     # autre graine (défaut : 2015)
npm run data -- --interne /chemin/hors/data   # écrit aussi le grain fin (usage interne — non diffusable)
npm run data:ensure          # ne fait rien si data/manifest.json est complet
npm run data:fetch           # télécharge les données de référence dans GEODATA_DIR
\`\`\`

Le pipeline (\`scripts/\`, TypeScript sur DuckDB natif) a un chargeur par fichier produit
(\`territories.parquet.ts\`, \`populations.parquet.ts\`, \`services.parquet.ts\`,
\`indicators.parquet.ts\`, \`geo.ts\`, \`manifest.ts\`), les générateurs des faits synthétiques
au grain fin (\`scripts/lib/facts/\`) et l’étape de publication (\`scripts/lib/publication/\` :
cellules, secret primaire et secondaire, audit), orchestrés par \`build-all.ts\`. Les cellules
sont calculées par la même requête SQL que celle qu’applique l’application aux fichiers
personnels d’un utilisateur (\`src/query/grain-cells.ts\`). Les tables sont créées avec le DDL du
contrat (\`columnsDdl\`, \`src/catalogue/tables.ts\`), écrites triées par leur clé (Parquet,
compression zstd) : même graine, même contenu. Ce README est régénéré par
\`npx tsx scripts/data-readme.ts\` ; un test vérifie qu’il est à jour.
`;

export const SOURCES = `## Sources et licences

- **Référentiel géographique** : Code officiel géographique (COG) 2026 de l’Insee — régions,
  départements, communes actuelles avec leur population municipale, EPCI à fiscalité propre et
  établissements publics territoriaux (EPT) du Grand Paris — lu dans le paquet npm
  \`@etalab/decoupage-administratif\` (Etalab, Licence Ouverte ; code du paquet sous licence MIT),
  ainsi que les codes postaux de chaque commune (La Poste, tels que le paquet les porte : colonne
  \`postcodes\` de \`territories\`, aucun code ajouté à la main). Les collectivités d’outre-mer
  (Saint-Pierre-et-Miquelon, Polynésie, Saint-Martin…) sont hors du champ de l’observatoire.
- **Fichiers de référence** lus dans \`GEODATA_DIR\` (par défaut \`../shared/geodata\`, voir son
  \`SOURCES.md\` ; \`npm run data:fetch\` télécharge les mêmes fichiers, vérifiés par empreinte).
  Aucun de ces fichiers, ni rien de dérivé, n’est versionné :
${REFERENCES.map(
  (r) =>
    `  - **${r.title}** (\`${r.path}\`) — ${r.publisher} ; ${r.licence} ; ${r.vintage}. Origine : ${r.origin}.\n${r.caveats.map((c) => `    - ${c}`).join('\n')}`,
).join('\n')}
- **Contours officiels des QPV** (facultatifs) : le fichier de l’ANCT (data.gouv.fr, ressource
  942d4ee8-8142-4556-8ea1-335537ce1119) n’est pas dans \`GEODATA_DIR\` par défaut ;
  \`npm run data:fetch\` le télécharge quand le réseau répond. Présent, il est apparié aux QPV
  par leur code et la carte dessine leurs contours ; absent, chaque QPV est un disque placé sur
  sa commune principale, et l’application dit partout que la position est celle de la commune.
- **Calibrage** : agrégats nationaux publiés rassemblés dans \`../shared/calibration.md\` et
  \`published-figures/\` (Défenseur des droits, DREES, DARES, Insee/ONPV, ANCT), avec leur
  source.
`;

export const DERIVED = `## Ce qui est dérivé

- **Listes de QPV** : la liste 2024 vient de la correspondance 2024–2015 de l’ANCT (noms,
  statuts, prédécesseurs) et de ses communes (superposeur ANCT) ; la liste 2015 est **déduite**
  des prédécesseurs nommés (leurs communes sont celles de leurs successeurs). La liste 2015
  s’applique jusqu’en 2023 en métropole et jusqu’en 2024 outre-mer ; la liste 2024 à partir de
  2024 en métropole et de 2025 outre-mer (\`valid_from\`, \`valid_to\` de \`territories\`). Un
  fait porte le code du QPV en vigueur son année. Mayotte n’a aucun QPV connu sur 2015–2024.
- **Grille de densité** : les 7 niveaux de l’Insee, regroupés en 4 (dense ; intermédiaire =
  centres urbains intermédiaires, ceintures urbaines, petites villes ; peu dense = bourgs
  ruraux, rural à habitat dispersé ; très peu dense) ; rural = peu dense ou très peu dense
  (définition de l’Insee depuis 2020) ; \`rurality_source = 'grille_insee'\`.
- **Parties de territoire** : ensemble ; habitants des QPV en vigueur / hors QPV ; communes
  rurales / urbaines ; communes FRR (socle, FRR+, partiellement) / hors FRR ; communes en ZRR
  (classées ou partiellement, années 2017 à 2024) / hors ZRR. Une commune sans classe dans un
  zonage compte dans le complément (hors ZRR…), partout, pour que chaque partie et son
  complément s’additionnent exactement.
- **Superficie et point** : calculés sur les contours (aire sphérique ; point intérieur, en
  longitude/latitude WGS84 vraies). Un QPV sans contour officiel prend le point de sa commune
  principale (\`position = 'commune'\`).
- **Sites expérimentaux** : ${SITE_DEFINITIONS.map((s) => `*${s.name}* (${s.epci ? `membres de l’intercommunalité ${s.epci}` : `communes ${s.communes.join(', ')}`})`).join(' ; ')}.
  Chaque site est un territoire du niveau \`site\` ; ses QPV sont ceux des deux listes qui ont
  une partie dans ses communes. Plaine Commune est un EPT (\`ept.json\`) : ses communes gardent
  comme EPCI la Métropole du Grand Paris. Pour le Nord-Pas-de-Calais, l’équipe a retenu la
  **communauté d’agglomération de Lens-Liévin** (bassin minier, Pas-de-Calais).
- **Géométrie** (\`geo/\`) : communes = polygones 2018 fusionnés en communes actuelles ; EPCI,
  départements et régions = fusion de ces communes ; chaque niveau est simplifié (Visvalingam,
  mapshaper, formes conservées) : ${Object.entries(LEVEL_SETTINGS)
    .map(([l, s]) => `${l} ${s.keep} des sommets (budget ${fmt(s.budget / 1000)} ko)`)
    .join(', ')} ;
  coordonnées arrondies à 0,0001°. Les communes sont aussi découpées en tuiles vectorielles
  (\`geo/tiles/\`, zooms 0 à ${TILED_LEVELS.commune?.maxzoom ?? '?'}). \`geo/qpv-points.geojson\` donne un point par QPV des deux
  listes avec sa liste, ses années de validité, l’origine de sa position et, pour les QPV placés
  sur leur commune, un décalage en pixels (\`offset\`, spirale hexagonale) qui les dispose côte à
  côte sans chevauchement ; \`geo/qpv.geojson\` ne contient que des contours officiels.
- **Outre-mer en médaillons** : les cinq DROM sont déplacés et mis à l’échelle (Web Mercator)
  dans une colonne au large de la Bretagne : ${Object.entries(INSETS)
    .map(([d, i]) => `${d} ×${String(i.scale).replace('.', ',')}`)
    .join(', ')}. Les coordonnées de \`territories\` et de
  \`services\` restent les vraies (WGS84).
`;

export const SYNTHETIC = `## Ce qui est synthétique, et comment c’est calibré

Les réclamations et le non-recours par territoire ne sont pas publics : le jeu de démonstration
les tire au hasard, sur la **géographie réelle**, avec un générateur pseudo-aléatoire à graine
(sfc32, \`scripts/lib/random.ts\`), un flux par table, année ou territoire : même graine, mêmes
fichiers. Le manifeste et l’application les disent « DONNÉES SYNTHÉTIQUES » sur chaque vue,
export et rapport. Les populations des QPV sont elles aussi synthétiques (l’Insee ne les fournit
pas ici).

- **Populations des QPV** : un tirage par code, calé sur les totaux publiés : ${fmt(QPV_POPULATION_TARGETS.metropole2024 / 1e6)} millions
  d’habitants dans les 1 362 QPV métropolitains de 2024 (Insee) ; 5,4 millions dans ceux de la
  liste 2015, au prorata des quartiers connus ; outre-mer selon les parts publiées (La Réunion,
  Guyane, Martinique, Guadeloupe) ; au plus 70 % d’une commune dans ses QPV ; un QPV 2015
  inchangé garde la population de son successeur ; un QPV de Mayotte (commune entière) a la
  population de sa commune.
- **Réclamations** (grain interne \`cases_grain\`) : totaux nationaux annuels exactement ceux
  publiés (${Object.entries(CLAIMS_PER_YEAR)
    .map(([y, n]) => `${y} : ${fmt(n)}`)
    .join(' ; ')}) ; parts par critère et par domaine exactement celles
  publiées pour l’année quand elles existent (sinon estimées) ; l’origine et le lieu de
  résidence pèsent plus parmi les réclamations d’habitants des QPV, sans changer les parts
  nationales ; allocation aux lieux de chaque année (partie hors QPV de chaque commune, partie de
  chaque QPV en vigueur dans la commune) par un tirage multinomial proportionnel à population ×
  propension selon la densité × sur-exposition des habitants des QPV (1,45) ; mois tiré avec une
  saisonnalité ; canal : délégués et siège avant la plateforme 39 28 (février 2021).
- **Emploi privé en 2023** : deux sources secondaires se contredisent (16 % selon une page de la
  CFDT, 23 % selon Lefebvre Dalloz). Le jeu retient **23 %** : il prolonge 2022 (24 %) et 2024
  (27 %), donne avec l’emploi public (21 %) une part de l’emploi de 44 % cohérente avec la
  fourchette publiée (37–44 %), et 16 % est la part de l’emploi privé parmi les réclamations
  fondées sur le handicap la même année (calibration.md §2), ce qui explique probablement la
  confusion.
- **Non-recours** (grain interne \`non_recours_grain\`) : population éligible = tirage de Poisson
  autour de population × part d’éligibles (plus élevée en QPV) ; non-recourants = tirage
  binomial à un taux qui porte les écarts relatifs publiés (RSA plus faible en QPV, plus élevé
  en zone rurale) et un effet local stable par commune, recalé chaque année pour que le taux
  national soit la cible. Prestations présentes à partir de leur création.
- **France services** : la liste réelle de l’ANCT (aucune valeur synthétique). Les Maisons de
  services au public (MSAP) et les permanences des délégués du Défenseur des droits, inventées
  dans les versions précédentes du jeu, sont **retirées** : aucune liste n’en est publiée.

### Cibles de calibrage

Légende : **V** = chiffre publié (source dans calibration.md) ; **E** = estimation de l’équipe.

| Mesure | Cible | Statut |
|---|---|---|
| Réclamations pour discrimination par an | 2015 ≈ 4 850 … 2024 : 5 679 (ci-dessus) | V |
| Parts par critère (handicap, origine, état de santé…) | valeurs publiées par année ; 2015 et 2021 interpolées | V / E |
| Parts par domaine (emploi privé, emploi public) | 2019–2024 publiées (2023 : 23 %, voir ci-dessus) | V / E |
| Canal : plateforme 39 28 | 0 avant février 2021, 30 → 40 % ensuite | E |
| Réclamations venant de QPV | ≈ 10–15 % | E |
| Non-recours RSA | 34 % (2018), légère baisse dans le temps | V |
| Non-recours prime d’activité | 27 % | V |
| Non-recours CSS sans / avec participation | 31 % / 72 % (2020) puis 67 % | V |
| Non-recours ASPA | 50 % (2016) | V |
| Non-recours assurance chômage (ARE) | 30 % (fourchette 25–42 %) | V |
| Non-recours AAH, aides au logement, chèque énergie | 15 %, 12 %, 22 % | **E** |
| Populations des QPV | 5,3 M (métropole, liste 2024) ; 5,4 M (liste 2015) | V (totaux) / E (répartition) |
`;
