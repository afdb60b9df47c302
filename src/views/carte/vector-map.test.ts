/**
 * The vector map (« Carte (SVG) », the report's map) over the fixtures: the screen's query
 * (DuckDB-WASM's Node build), the screen's derive step and the fixtures' GeoJSON, drawn in jsdom
 * and compared with committed snapshots (numbers rounded, Plot's ids renumbered). Also checks
 * what the snapshot cannot say by itself: every area of the level is a path, secret cells carry
 * the hatch, the legend has the screen's items.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { JSDOM } from 'jsdom';
import type { FeatureCollection } from 'geojson';
import { findIndicator, type MapLevel } from '../../catalogue';
import { checkSnapshot, normaliseSvg } from '../../charts/snapshot';
import type { Connector } from '../../db/connector';
import { createNodeConnector, loadDatasetFromDir } from '../../db/node';
import { readResult } from '../../map/join';
import { HATCH_PATTERN, drawVectorMap } from '../../map/vector-map';
import { NO_FILTERS, indicatorByTerritory } from '../../query';
import { deriveMap } from './map-derive';

const FIXTURES = path.resolve(import.meta.dirname, '../../../data/fixtures');
const geo = (file: string): FeatureCollection =>
  JSON.parse(fs.readFileSync(path.join(FIXTURES, 'geo', file), 'utf8')) as FeatureCollection;

let db: Connector;
beforeAll(async () => {
  db = await createNodeConnector();
  await loadDatasetFromDir(db, FIXTURES);
});
afterAll(() => db.close());

async function draw(
  indicatorId: string,
  level: MapLevel,
): Promise<{ svg: SVGSVGElement; secret: number }> {
  const indicator = findIndicator(indicatorId);
  if (!indicator) throw new Error(indicatorId);
  const cols = readResult(await db.query(indicatorByTerritory(indicator, level, 2024, NO_FILTERS)));
  const areas = geo(`${level}.geojson`);
  const derived = deriveMap(cols, indicator, level, {
    method: 'quantiles',
    classes: 5,
    features: areas.features.length,
    reference: null,
    qpvAtCommunes: true,
  });
  const { document } = new JSDOM('<!doctype html><html><body></body></html>').window;
  const svg = drawVectorMap(
    {
      level,
      mode: derived.mode,
      cols,
      styling: derived.styling,
      areas,
      points: geo(`${level}-points.geojson`),
      land: geo('region.geojson'),
      context: geo('departement.geojson'),
      services: null,
      selected: null,
      legend: {
        title: indicator.shortLabel,
        unit: indicator.unit,
        items: derived.legend,
        circles: derived.circles,
        note: derived.note,
      },
      width: 480,
    },
    document,
  );
  return { svg, secret: cols.suppressed.reduce((n, s) => n + s, 0) };
}

describe('drawVectorMap', () => {
  it('draws a choropleth of communes with hatched secret cells and the DROM inset', async () => {
    const { svg, secret } = await draw('reclamations_taux', 'commune');
    expect(secret).toBeGreaterThan(0);
    // 11 communes (Guadeloupe's in its inset) + 4 département outlines over them.
    const paths = svg.querySelectorAll('g[aria-label="geo"] path');
    expect(paths.length).toBeGreaterThanOrEqual(11);
    const hatched = svg.querySelectorAll(`g[fill="url(#${HATCH_PATTERN})"] path`);
    expect(hatched.length).toBe(secret);
    expect(svg.querySelector(`pattern#${HATCH_PATTERN}`)).not.toBeNull();
    const legend = svg.querySelector('.observatoire-vector-legend')?.textContent ?? '';
    expect(legend).toContain(`Secret statistique (${secret} terr.)`);
    expect(legend).toContain('Non disponible');
    expect(
      checkSnapshot(import.meta.dirname, 'vector-map-commune', normaliseSvg(svg.outerHTML)),
    ).toBeNull();
  });

  it('draws counts as proportional circles over grey areas, secret areas hatched', async () => {
    const { svg, secret } = await draw('reclamations', 'epci');
    expect(svg.querySelectorAll('g[aria-label="dot"] circle').length).toBeGreaterThan(0);
    expect(svg.querySelectorAll(`g[fill="url(#${HATCH_PATTERN})"] path`).length).toBe(secret);
    expect(
      checkSnapshot(import.meta.dirname, 'vector-map-epci-circles', normaliseSvg(svg.outerHTML)),
    ).toBeNull();
  });

  it('draws QPV at their commune as discs moved by their offsets', async () => {
    const { svg } = await draw('reclamations_taux', 'qpv');
    const dots = svg.querySelectorAll('g[aria-label="dot"] circle');
    // 7 QPV in the result; QP971003's point (real inset position, -7.97° E) lies outside the
    // fixtures' hand-made Guadeloupe square (-4.9° E) that the view is fitted to, so Plot clips it.
    expect(dots.length).toBe(6);
    // Three QPV of one commune (2.25, 48.95): one at the point, two moved by ±8 px.
    const xs = Array.from(dots, (d) => Number(d.getAttribute('cx')));
    const centre = xs[2] ?? 0;
    expect(xs.map((x) => Math.round(x - centre))).toEqual(expect.arrayContaining([-8, 0, 8]));
    expect(
      checkSnapshot(import.meta.dirname, 'vector-map-qpv', normaliseSvg(svg.outerHTML)),
    ).toBeNull();
  });
});
