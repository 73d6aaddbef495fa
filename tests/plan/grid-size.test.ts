/** A comparison without a size of its own gets a canvas sized from its grid. */
import { describe, expect, it } from 'vitest';
import { gridLayout } from '../../src/render/grid-layout.js';
import { defaultGridSize } from '../../src/scenario/grid-size.js';
import { validateScenario } from '../../src/scenario/load.js';

const eight = ['knn', 'svm', 'tree', 'forest', 'mlp', 'lda', 'qda', 'logistic'].map((type) => ({ type }));
const rows = [{ source: 'moons' }, { source: 'circles' }, { source: 'gaussians' }];

describe('the default canvas of a comparison', () => {
  it('gives a 3 × 8 grid panels of 150 px, not 480 × 480', () => {
    const s = validateScenario({ data: { source: 'moons' }, rows, compare: eight });
    expect(s.render.width).toBeGreaterThan(480);
    expect(
      gridLayout(s.render.width, s.render.height, { rows: 3, columns: 8, rowLabels: true, titles: 'top' }).side,
    ).toBe(150);
  });

  it('keeps a size the scenario gives, and 480 × 480 for one model', () => {
    const given = validateScenario({ data: { source: 'moons' }, rows, compare: eight, render: { width: 900 } });
    expect([given.render.width, given.render.height]).toEqual([900, 480]);
    const single = validateScenario({ data: { source: 'moons' }, model: { type: 'knn' } });
    expect([single.render.width, single.render.height]).toEqual([480, 480]);
  });

  it('stops widening at 1600 px, the panels then smaller', () => {
    const { width } = defaultGridSize({ rows: 1, columns: 16, rowLabels: false, titles: 'each' });
    expect(width).toBe(1600);
  });
});
