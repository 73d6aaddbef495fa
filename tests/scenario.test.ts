import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserError } from '../src/errors.js';
import { applySet, loadScenario, parseScenarioText, validateScenario } from '../src/scenario/load.js';

function problem(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(UserError);
    return (error as Error).message;
  }
  throw new Error('expected a UserError');
}

function configFiles(dir = 'configs'): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? configFiles(join(dir, e.name)) : /\.(ya?ml|json)$/.test(e.name) ? [join(dir, e.name)] : [],
  );
}

describe('scenario loading', () => {
  it.each(configFiles())('accepts %s', (file) => {
    const { scenario } = loadScenario(file);
    expect(scenario.model?.type ?? scenario.compare?.[0].type ?? scenario.search?.models[0].type).toBeTruthy();
  });

  it('fills every default but model.type', () => {
    const s = validateScenario({ model: { type: 'logistic' } });
    expect(s.data).toMatchObject({ source: 'gaussians', n: 400, test: 2000 });
    expect(s.animate).toMatchObject({ by: 'auto', frames: 60, fps: 12, hold: 2 });
    expect(s.render).toMatchObject({ width: 480, height: 480, bayes: true });
    expect(s.model).toMatchObject({ type: 'logistic', epochs: 100 });
    expect(problem(() => validateScenario({}))).toMatch(/model/);
  });

  it('reads YAML and JSON alike', () => {
    const yaml = parseScenarioText('model:\n  type: logistic\nseed: 3\n', 'a.yaml');
    const json = parseScenarioText('{"model": {"type": "logistic"}, "seed": 3}', 'a.json');
    expect(validateScenario(yaml)).toEqual(validateScenario(json));
  });

  it('names the path of every bad value', () => {
    const message = problem(() =>
      validateScenario({ data: { n: -5 }, model: { type: 'logistic', learningRate: 0 }, render: { width: 'big' } }),
    );
    expect(message).toMatch(/data\.n: must be at least 2, got -5/);
    expect(message).toMatch(/model\.learningRate: must be above 0, got 0/);
    expect(message).toMatch(/render\.width: expected a number, got "big"/);
  });

  it('suggests the nearest name for unknown keys and types', () => {
    expect(problem(() => validateScenario({ model: { type: 'logistic', epoch: 3 } }))).toMatch(
      /model\.epoch: unknown option "epoch" \(did you mean "epochs"\?\)/,
    );
    expect(problem(() => validateScenario({ model: { type: 'logistc' } }))).toMatch(/did you mean "logistic"/);
    expect(problem(() => validateScenario({ model: { type: 'logistic' }, animat: {} }))).toMatch(
      /did you mean "animate"/,
    );
    expect(problem(() => validateScenario({ data: { source: 'gausians' }, model: { type: 'logistic' } }))).toMatch(
      /data\.source: .*did you mean "gaussians"/,
    );
  });

  it('applies --set overrides with YAML-typed values before validation', () => {
    const s = validateScenario({ model: { type: 'logistic' } }, ['model.epochs=7', 'render.xlim=[-1, 2]', 'title=Hi']);
    expect(s.model?.epochs).toBe(7);
    expect(s.render.xlim).toEqual([-1, 2]);
    expect(s.title).toBe('Hi');
    expect(problem(() => validateScenario({ model: { type: 'logistic' } }, ['model.epochs=-1']))).toMatch(
      /model\.epochs/,
    );
    expect(problem(() => applySet({}, 'noequals'))).toMatch(/--set/);
    expect(problem(() => applySet({}, '__proto__.polluted=1'))).toMatch(/not a usable path/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('--set reaches list entries by index: compare[1].title, compare.1.title, rows[0].noise', () => {
    const scenario = {
      compare: [{ type: 'knn' }, { type: 'lda' }],
      rows: [{ source: 'moons' }, { source: 'circles' }],
    };
    const s = validateScenario(scenario, ['compare[1].title=Mine', 'compare.0.k=9', 'rows[0].noise=0.3']);
    expect(s.compare?.[1].title).toBe('Mine');
    expect(s.compare?.[0].k).toBe(9);
    expect(s.rows?.[0].noise).toBe(0.3);
    expect(scenario.compare[1]).toEqual({ type: 'lda' });
    expect(problem(() => validateScenario(scenario, ['compare[2].k=1']))).toMatch(
      /--set: cannot set "compare\[2\]\.k": the list has 2 entries/,
    );
    expect(problem(() => validateScenario(scenario, ['compare[0]k=1']))).toMatch(
      /not a usable path.*compare\[1\]\.title/,
    );
    expect(problem(() => validateScenario(scenario, ['rows.title[0]=x']))).toMatch(
      /cannot set "rows\.title\[0\]": "rows" is not an object/,
    );
  });

  it('refuses prototype keys, alias bombs, absurd numbers and junk', () => {
    expect(problem(() => validateScenario(JSON.parse('{"model":{"type":"logistic"},"__proto__":{"x":1}}')))).toMatch(
      /__proto__/,
    );
    const bomb = `a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\n`;
    expect(problem(() => parseScenarioText(bomb, 'bomb.yaml'))).toMatch(/bomb\.yaml/);
    expect(problem(() => validateScenario({ model: { type: 'logistic' }, seed: 1e300 }))).toMatch(/seed/);
    expect(problem(() => parseScenarioText('model: [unclosed', 'bad.yaml'))).toMatch(/bad\.yaml:1/);
    expect(problem(() => parseScenarioText('   ', 'empty.yaml'))).toMatch(/empty/);
    expect(problem(() => validateScenario([1, 2]))).toMatch(/object/);
    expect(problem(() => loadScenario('no/such/file.yaml'))).toMatch(/no such file/);
  });
});
