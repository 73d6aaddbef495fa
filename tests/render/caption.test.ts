import { createCanvas } from '@napi-rs/canvas';
import { describe, expect, it } from 'vitest';
import { modelSpec } from '../../src/models/index.js';
import { captionTitles } from '../../src/plan/titles.js';
import { drawCaption, subtitleFits, textMetrics } from '../../src/render/caption.js';
import { font, registerFonts } from '../../src/render/font.js';
import { computeLayout } from '../../src/render/layout.js';
import { THEMES } from '../../src/render/palette.js';
import { ellipsize, widestStage } from '../../src/render/text-fit.js';
import { validateScenario } from '../../src/scenario/load.js';

describe('captionTitles', () => {
  const titles = (title: string | undefined, source: string) => {
    const scenario = validateScenario({ ...(title ? { title } : {}), data: { source }, model: { type: 'mlp' } });
    return captionTitles(scenario.title, modelSpec('mlp').title, source);
  };

  it('names the data under the model, the model under a custom title, and nothing twice', () => {
    expect(titles(undefined, 'spirals')).toEqual({ title: 'Neural network', subtitle: 'spirals' });
    expect(titles('Learning spirals', 'spirals')).toEqual({ title: 'Learning spirals', subtitle: 'Neural network' });
    expect(titles('Neural network · spirals', 'spirals')).toEqual({ title: 'Neural network · spirals', subtitle: '' });
  });
});

describe('drawCaption in parts', () => {
  registerFonts();
  const layout = computeLayout(480, 480, { legend: false, xlabel: false, ylabel: false });
  const caption = {
    title: 'Logistic regression',
    subtitle: 'Gaussian classes',
    stage: 'n = 120',
    train: 0.91,
    test: 0.905,
    bayes: 0.934,
    legend: null,
    bayesLine: true,
  };
  const pixels = (part?: 'static' | 'dynamic') => {
    const ctx = createCanvas(480, 60).getContext('2d');
    const boxes = drawCaption(ctx, layout, THEMES.light, caption, part);
    return { alpha: ctx.getImageData(0, 0, 480, 60).data.filter((_, i) => i % 4 === 3), boxes };
  };

  it('static and dynamic parts together are the whole caption, the dynamic ink inside its boxes', () => {
    const all = pixels();
    const fixed = pixels('static');
    const moving = pixels('dynamic');
    expect(fixed.boxes).toEqual([]);
    expect(moving.boxes).toHaveLength(3); // the stage, train and test figures
    let mismatched = 0;
    let inkOutside = 0;
    let staticInBoxes = 0;
    for (let p = 0; p < all.alpha.length; p++) {
      // The parts never overlap, so each pixel's ink comes from one of them.
      if (Math.max(fixed.alpha[p], moving.alpha[p]) !== all.alpha[p]) mismatched++;
      const [x, y] = [p % 480, Math.floor(p / 480)];
      const inBox = moving.boxes.some((b) => x >= b.x && x < b.x + b.w && y >= b.y && y < b.y + b.h);
      if (moving.alpha[p] > 0 && !inBox) inkOutside++;
      if (inBox && fixed.alpha[p] > 0) staticInBoxes++;
    }
    expect([mismatched, inkOutside, staticInBoxes]).toEqual([0, 0, 0]);
    expect(moving.alpha.some((a) => a > 0)).toBe(true);
  });

  it('leaves the subtitle out when a long stage label needs its room', () => {
    const ctx = createCanvas(10, 10).getContext('2d');
    expect(subtitleFits(ctx, layout, caption)).toBe(true);
    expect(subtitleFits(ctx, layout, { ...caption, stage: 'boosting round 1000 / 1000 (of many)' })).toBe(false);
    expect(subtitleFits(ctx, layout, { ...caption, subtitle: '' })).toBe(false);
  });

  it('keeps the subtitle or leaves it out for the whole movie, not as the counts grow', () => {
    const ctx = createCanvas(10, 10).getContext('2d');
    const at = (stage: string) => subtitleFits(ctx, layout, { ...caption, title: 'Random forest, tree by', stage });
    const frames = ['tree 1 / 100', 'tree 9 / 100', 'tree 10 / 100', 'tree 100 / 100'].map(at);
    expect(new Set(frames).size).toBe(1);
  });

  it('cuts a title too long for its line with an ellipsis, clear of the stage', () => {
    const title = 'A very long title that goes on and on about logistic regression on Gaussian classes';
    const ctx = createCanvas(480, 60).getContext('2d');
    drawCaption(ctx, layout, THEMES.light, { ...caption, title }, 'static');
    const stage = drawCaption(createCanvas(480, 60).getContext('2d'), layout, THEMES.light, caption, 'dynamic')[0];
    // No title ink reaches the stage's box on line 1.
    const ink = ctx.getImageData(stage.x, stage.y, stage.w, stage.h).data.filter((_, i) => i % 4 === 3);
    expect(ink.some((a) => a > 0)).toBe(false);
    expect(ellipsize(ctx, title, 100).endsWith('…')).toBe(true);
  });
});

describe('widestStage', () => {
  it('writes every number with the digits of the longest', () => {
    expect(widestStage('tree 1 / 100')).toBe('tree 000 / 000');
    expect(widestStage('n = 40')).toBe('n = 00');
    expect(widestStage('final')).toBe('final');
  });
});

describe('textMetrics', () => {
  it('gives what measureText gives, per font, alignment and text, and leaves the context as it was', () => {
    registerFonts();
    const ctx = createCanvas(10, 10).getContext('2d');
    const before = [ctx.font, ctx.textAlign, ctx.textBaseline];
    for (const [px, bold, align, text] of [
      [13, false, 'left', 'n = 120'],
      [13, false, 'right', 'n = 120'],
      [13, true, 'left', 'n = 120'],
      [10, false, 'left', 'n = 120'],
      [13, false, 'left', '0.905'],
      [13, false, 'left', 'n = 120'],
    ] as const) {
      const got = textMetrics(ctx, font(px, bold), align, text);
      const reference = createCanvas(10, 10).getContext('2d');
      reference.font = font(px, bold);
      reference.textAlign = align;
      reference.textBaseline = 'alphabetic';
      const m = reference.measureText(text);
      expect(got).toEqual({
        width: m.width,
        left: m.actualBoundingBoxLeft,
        right: m.actualBoundingBoxRight,
        ascent: m.actualBoundingBoxAscent,
        descent: m.actualBoundingBoxDescent,
      });
    }
    expect([ctx.font, ctx.textAlign, ctx.textBaseline]).toEqual(before);
  });
});
