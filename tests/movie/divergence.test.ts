/**
 * A learning rate too large for the loss: the figure is drawn as far as the loss is finite (its
 * last frame is the last finite step, wherever the frames were planned), then the render ends,
 * exit 0, with a warning on stderr and in --json "warnings", finite figures, and no hang.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run, tempDir, writeScenario } from '../cli-helpers.js';
import { decodeGif } from '../decode.js';

const MA = new URL('../../configs/ma/linear-regression.yaml', import.meta.url).pathname;

async function diverging(file: string, set: string[], extra: string[] = []) {
  const dir = tempDir();
  const output = join(dir, 'x.gif');
  const flags = set.flatMap((s) => ['--set', s]);
  const result = await run(['render', file, ...flags, '-o', output, '--json', ...extra]);
  return { ...result, line: JSON.parse(result.stdout.toString()), gif: decodeGif(readFileSync(output)) };
}

describe('a diverging descent', () => {
  it("Ma's line at learning rate 10: frames up to step 68 (step 69 overflows), then a warning", async () => {
    // 60 frames over 3000 steps are planned at steps 1, 52, 103, …: the last finite step, 68, is added.
    const set = ['model.learningRate=10', 'render.width=480', 'render.height=280'];
    const { code, stderr, line, gif } = await diverging(MA, set);
    const warning =
      'linear: the loss became infinite at step 69, so training stopped at step 68: learningRate 10 is too large for this objective';
    expect(code).toBe(0);
    expect(stderr).toBe(`mlgif: ${MA}: warning: ${warning}\n`);
    expect(line.warnings).toEqual([warning]);
    expect(line.frames).toBe(3);
    expect(gif.frames).toBe(3);
    // The last frame moved on from the one planned before it (the path grew, the caption changed).
    expect(gif.rgba(2)).not.toEqual(gif.rgba(1));
    for (const value of Object.values(line.final)) expect(Number.isFinite(value)).toBe(true);
    expect(line.final.train_mse).toBeGreaterThan(1e100);
  });

  it('--quiet silences stderr; --json still carries the warning', async () => {
    const set = ['model.learningRate=10', 'render.width=480', 'render.height=280', 'animate.frames=4'];
    const { stderr, line } = await diverging(MA, set, ['--quiet']);
    expect(stderr).toBe('');
    expect(line.warnings).toHaveLength(1);
  });

  it('a network by plain gradient descent at rate 50 ends at its last finite epoch, warning', async () => {
    const file = writeScenario(
      tempDir(),
      'mlp.yaml',
      'seed: 4\ndata: { source: sine, n: 60, test: 60 }\n' +
        'model: { type: mlp, hidden: [8], epochs: 200, optimizer: gd, learningRate: 50, batchSize: 0 }\n' +
        'animate: { frames: 20 }\nrender: { width: 320, height: 240 }\n',
    );
    const { code, line } = await diverging(file, []);
    expect(code).toBe(0);
    expect(line.warnings).toEqual([expect.stringMatching(/^mlp: its predictions stopped being finite at epoch \d+/)]);
    expect(line.frames).toBeLessThan(20);
    for (const value of Object.values(line.final)) expect(value === null || Number.isFinite(value)).toBe(true);
  });

  it('a landscape without divergence says nothing', async () => {
    const { stderr, line } = await diverging(MA, ['render.width=480', 'render.height=280', 'animate.frames=3']);
    expect(stderr).toBe('');
    expect(line).not.toHaveProperty('warnings');
  });
});
