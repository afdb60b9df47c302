import * as Plot from '@observablehq/plot';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkSnapshot, normaliseSvg, renderSvg } from './snapshot';

// A chart with a clip path: Plot numbers clips with a module counter, so each render gets a new id.
const clipped: Plot.PlotOptions = {
  width: 200,
  height: 100,
  marks: [Plot.lineY([1, 3, 2], { clip: true })],
};

describe('snapshot helper', () => {
  let dir = '';
  let update: string | undefined;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'snapshot-'));
    update = process.env['UPDATE_SNAPSHOTS'];
    delete process.env['UPDATE_SNAPSHOTS'];
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
    if (update === undefined) delete process.env['UPDATE_SNAPSHOTS'];
    else process.env['UPDATE_SNAPSHOTS'] = update;
  });

  it('fails when the snapshot is missing, and does not write it', () => {
    const message = checkSnapshot(dir, 'absent', '<svg></svg>');
    expect(message).toMatch(/Instantané absent/);
    expect(fs.existsSync(path.join(dir, '__snapshots__', 'absent.svg'))).toBe(false);
    expect(fs.existsSync(path.join(dir, '__snapshots__', 'absent-changed.svg'))).toBe(true);
  });

  it('fails on a difference, passes on equality, and UPDATE_SNAPSHOTS=1 rewrites', () => {
    fs.mkdirSync(path.join(dir, '__snapshots__'));
    fs.writeFileSync(path.join(dir, '__snapshots__', 'a.svg'), '<svg>1</svg>');
    expect(checkSnapshot(dir, 'a', '<svg>2</svg>')).toMatch(/SVG différent/);
    expect(checkSnapshot(dir, 'a', '<svg>1</svg>')).toBeNull();
    expect(fs.existsSync(path.join(dir, '__snapshots__', 'a-changed.svg'))).toBe(false);
    process.env['UPDATE_SNAPSHOTS'] = '1';
    expect(checkSnapshot(dir, 'a', '<svg>2</svg>')).toBeNull();
    expect(fs.readFileSync(path.join(dir, '__snapshots__', 'a.svg'), 'utf8')).toBe('<svg>2</svg>');
  });

  it('renumbers the ids Plot generates, so a snapshot does not depend on render order', () => {
    const first = renderSvg(clipped);
    const second = renderSvg(clipped);
    expect(first).toMatch(/plot-clip-|clip-path/);
    expect(first).not.toMatch(/plot-clip-\d/);
    expect(second).toBe(first);
    expect(normaliseSvg('<g class="plot-d6a7b5" clip-path="url(#plot-clip-7)">')).toBe(
      '<g class="plot-1" clip-path="url(#plot-2)">',
    );
  });
});
